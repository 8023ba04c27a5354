/**
 * Small zod builders whose messages say what was expected in loadgate's words
 * (`expected a whole number from 1 to 10000`); the formatter adds where and what was found.
 */
import { z } from 'zod';
import { DURATION_EXPECTED, durationResult, formatDuration, percentResult } from './units.js';

export function wholeNumber(
  min: number,
  max: number,
  what = 'a whole number',
  message = `expected ${what} from ${min} to ${max}`,
) {
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

/** A number above 0 (rates and weights may be fractional). */
export function positiveNumber(max: number, what = 'a number') {
  const message = `expected ${what} above 0 and at most ${max}`;
  return z.number({ error: message }).gt(0, { error: message }).max(max, { error: message });
}

export function text(what: string) {
  return z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}, not empty` });
}

export function flag() {
  return z.boolean({ error: 'expected true or false' });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of: ${values.join(', ')}` });
}

/** A value that must be a string: numbers and booleans get told to quote. */
export function stringValue() {
  return z.string({
    error: (iss) =>
      typeof iss.input === 'number' || typeof iss.input === 'boolean'
        ? `expected a string: quote it ("${String(iss.input)}")`
        : 'expected a string',
  });
}

export function stringMap() {
  return z.record(z.string(), stringValue(), { error: 'expected a mapping of names to strings' });
}

/** A URL path: starts with `/` (templates allowed; checked later). */
export function urlPath() {
  return z
    .string({ error: 'expected a path starting with /' })
    .startsWith('/', { error: 'expected a path starting with /' });
}

/** A duration (see units.ts) in milliseconds, within [minMs, maxMs]. */
export function duration(minMs: number, maxMs: number) {
  const range = `expected a duration from ${formatDuration(minMs)} to ${formatDuration(maxMs)}`;
  return z.union([z.number(), z.string()], { error: DURATION_EXPECTED }).transform((v, ctx) => {
    const r = durationResult(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.expected });
      return z.NEVER;
    }
    if (r.value < minMs || r.value > maxMs) {
      ctx.addIssue({ code: 'custom', message: range });
      return z.NEVER;
    }
    return r.value;
  });
}

/**
 * A gate tolerance as a positive fraction. `direction` says which sign the value may carry:
 * `-` for "drop allowed" (rps), `+` for "rise allowed" (p95), null for an absolute ceiling.
 * Unsigned values are always accepted; the opposite sign is an error (it would mean "the
 * metric must improve", which no noisy runner can promise).
 */
export function tolerance(key: string, direction: '+' | '-' | null, max: number) {
  return z
    .union([z.number(), z.string()], { error: 'expected a percentage like 5%' })
    .transform((v, ctx) => {
      const r = percentResult(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.expected });
        return z.NEVER;
      }
      const { value, sign } = r.value;
      if (sign !== null && sign !== direction) {
        const magnitude = `${Math.round(Math.abs(value) * 10_000) / 100}%`;
        const hint =
          direction === '-'
            ? `${key} is the allowed drop: write -${magnitude} or ${magnitude}`
            : direction === '+'
              ? `${key} is the allowed rise: write +${magnitude} or ${magnitude}`
              : `${key} is an absolute ceiling: write ${magnitude} without a sign`;
        ctx.addIssue({ code: 'custom', message: hint });
        return z.NEVER;
      }
      const magnitude = Math.abs(value);
      if (magnitude > max) {
        ctx.addIssue({ code: 'custom', message: `expected ${key} from 0% to ${max * 100}%` });
        return z.NEVER;
      }
      return magnitude;
    });
}
