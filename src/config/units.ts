/**
 * Units used in loadgate.yml, action inputs and CLI flags: durations and percentages.
 * The `*Result` forms never throw (the schema turns failures into located issues); the plain
 * forms throw a ConfigError for callers outside the config room.
 */
import { ConfigError } from '../errors.js';

export type UnitResult<T> = { ok: true; value: T } | { ok: false; expected: string };

export const DURATION_EXPECTED =
  'expected a duration like 500ms, 10s, 2m, 1m30s or a number of seconds';
export const PERCENT_EXPECTED = 'expected a percentage like 5%, -5%, +10% or a fraction like 0.05';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const DURATION_WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

/** `500ms`, `10s`, `2m`, `1h`, `1m30s`, or a bare number (string or number) of seconds. */
export function durationResult(input: unknown): UnitResult<number> {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0
      ? { ok: true, value: Math.round(input * 1000) }
      : { ok: false, expected: DURATION_EXPECTED };
  }
  if (typeof input !== 'string') return { ok: false, expected: DURATION_EXPECTED };
  const text = input.trim().replace(/\s+/g, '');
  if (BARE_NUMBER.test(text)) return { ok: true, value: Math.round(Number(text) * 1000) };
  if (!DURATION_WHOLE.test(text)) return { ok: false, expected: DURATION_EXPECTED };
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) {
    ms += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 1000);
  }
  return { ok: true, value: Math.round(ms) };
}

/** Milliseconds from a duration; throws ConfigError naming the value. */
export function parseDuration(input: string | number): number {
  const r = durationResult(input);
  if (!r.ok) throw new ConfigError(`${r.expected}, got ${JSON.stringify(input)}`);
  return r.value;
}

/** A signed fraction and whether the sign was written (`-5%` and `-0.05` are explicit). */
export interface Percent {
  value: number;
  sign: '+' | '-' | null;
}

const PERCENT_TEXT = /^([+-])?(\d+(?:\.\d+)?|\.\d+)(%)?$/;

/**
 * `-5%` -> -0.05, `+10%` -> 0.10, `1%` -> 0.01; a bare number is a fraction (`0.05` = 5%).
 * Bare numbers outside -1..1 are refused: `5` is far more likely a forgotten `%` than 500%.
 */
export function percentResult(input: unknown): UnitResult<Percent> {
  let sign: Percent['sign'] = null;
  let value: number;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, expected: PERCENT_EXPECTED };
    sign = input < 0 ? '-' : null;
    value = input;
  } else if (typeof input === 'string') {
    const m = PERCENT_TEXT.exec(input.trim().replace(/\s+/g, ''));
    if (!m) return { ok: false, expected: PERCENT_EXPECTED };
    sign = m[1] === '+' || m[1] === '-' ? m[1] : null;
    const magnitude = Number(m[2]) / (m[3] ? 100 : 1);
    value = sign === '-' ? -magnitude : magnitude;
    if (m[3]) return { ok: true, value: { value, sign } };
  } else {
    return { ok: false, expected: PERCENT_EXPECTED };
  }
  if (Math.abs(value) > 1) {
    const pct = Math.abs(value);
    return {
      ok: false,
      expected: `${PERCENT_EXPECTED} (a bare number is a fraction: did you mean ${pct}%?)`,
    };
  }
  return { ok: true, value: { value, sign } };
}

/** The signed fraction of a percentage; throws ConfigError naming the value. */
export function parsePercent(input: string | number): number {
  const r = percentResult(input);
  if (!r.ok) throw new ConfigError(`${r.expected}, got ${JSON.stringify(input)}`);
  return r.value.value;
}

/** `1500` -> `1.5s`, `120000` -> `2m`: for messages and docs. */
export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return ms >= 1000 ? `${ms / 1000}s` : `${ms}ms`;
}
