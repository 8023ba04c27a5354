/**
 * Values given on the command line (or as action inputs) that override the file. They are
 * plain strings (empty = not given), parsed with the same rules and units as loadgate.yml,
 * and the cross-key rules are checked again on the result.
 */
import { resolve } from 'node:path';
import type { z } from 'zod';
import { checkConfig } from './checks.js';
import type { ConfigContext } from './context.js';
import { LIMITS } from './defaults.js';
import { describeValue, linesToError, throwIfIssues } from './issues.js';
import { plainSource } from './parse.js';
import { NAME_EXPECTED, NAME_PATTERN, workersSchema } from './schema.js';
import { duration, positiveNumber, wholeNumber } from './schema-parts.js';
import { checkTarget } from './target.js';
import type { Config } from './types.js';
import { resolveWorkers } from './workers.js';

/** Each value is the flag's text; empty, null or undefined means not given. */
export interface CliOverrides {
  /** A running API on this machine; replaces `server:`. */
  target?: string | null;
  rounds?: string | null;
  /** Measured time per round, e.g. `20s`. */
  duration?: string | null;
  warmup?: string | null;
  connections?: string | null;
  /** Requests per second; switches the load to the open model (and drops stages). */
  rate?: string | null;
  /** `self`, `auto` or a number. */
  workers?: string | null;
  name?: string | null;
  /** Use a baseline file at this path (relative to ctx.baseDir, the working directory). */
  baselineFile?: string | null;
}

/** How to name an override in messages: `--connections` or `input "connections"`. */
export type OverrideStyle = 'flag' | 'input';

const PUBLIC_NAMES: Record<keyof CliOverrides, string> = {
  target: 'target',
  rounds: 'rounds',
  duration: 'duration',
  warmup: 'warmup',
  connections: 'connections',
  rate: 'rate',
  workers: 'workers',
  name: 'name',
  baselineFile: 'baseline-file',
};

export function overrideLabel(key: keyof CliOverrides, style: OverrideStyle): string {
  return style === 'flag' ? `--${PUBLIC_NAMES[key]}` : `input "${PUBLIC_NAMES[key]}"`;
}

/** Strings that look like numbers become numbers, so number rules apply (and messages quote the rest). */
function numeric(text: string): number | string {
  return /^[+-]?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text;
}

function parseWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
): { ok: true; value: T } | { ok: false; message: string } {
  const r = schema.safeParse(value);
  return r.success
    ? { ok: true, value: r.data }
    : { ok: false, message: r.error.issues[0]?.message ?? 'invalid' };
}

const HOUR = 3_600_000;
const SCHEMAS = {
  rounds: wholeNumber(1, LIMITS.rounds),
  connections: wholeNumber(1, LIMITS.connections),
  rate: positiveNumber(LIMITS.rate, 'a rate in requests per second'),
  duration: duration(100, HOUR),
  warmup: duration(0, HOUR),
};

export function applyCliOverrides(
  config: Config,
  overrides: CliOverrides,
  ctx: ConfigContext,
  style: OverrideStyle = 'flag',
): Config {
  const problems: string[] = [];
  const fail = (key: keyof CliOverrides, message: string, value?: string) =>
    problems.push(
      `${ctx.source}: ${overrideLabel(key, style)}: ${message}${value === undefined ? '' : `, got ${describeValue(value)}`}`,
    );
  const get = (key: keyof CliOverrides) => overrides[key]?.trim() || undefined;
  const numberOption = (
    key: 'rounds' | 'connections' | 'rate' | 'duration' | 'warmup',
  ): number | undefined => {
    const text = get(key);
    if (text === undefined) return undefined;
    const r = parseWith<number>(
      SCHEMAS[key],
      key === 'duration' || key === 'warmup' ? text : numeric(text),
    );
    if (r.ok) return r.value;
    fail(key, r.message, text);
    return undefined;
  };

  const next: Config = { ...config, load: { ...config.load } };
  const rounds = numberOption('rounds');
  if (rounds !== undefined) next.load.rounds = rounds;
  const connections = numberOption('connections');
  if (connections !== undefined) next.load.connections = connections;
  const warmup = numberOption('warmup');
  if (warmup !== undefined) next.load.warmupMs = warmup;
  const rate = numberOption('rate');
  if (rate !== undefined) next.load = { ...next.load, model: 'open', rate, stages: [] };
  const measured = numberOption('duration');
  if (measured !== undefined) {
    if (next.load.stages.length > 0) {
      fail(
        'duration',
        'the load has stages: their sum is the duration (edit stages:, or give a constant rate too)',
      );
    } else next.load.durationMs = measured;
  }

  const name = get('name');
  if (name !== undefined) {
    if (NAME_PATTERN.test(name)) next.name = name;
    else fail('name', NAME_EXPECTED, name);
  }
  const target = get('target');
  if (target !== undefined) {
    const checked = checkTarget(target, next.targetAccess?.allowRemote === true);
    if (checked.ok) Object.assign(next, { target: checked.origin, server: null });
    else fail('target', checked.message, target);
  }
  const workers = get('workers');
  if (workers !== undefined) {
    const r = parseWith(workersSchema, numeric(workers));
    if (!next.server) fail('workers', 'workers apply to a server loadgate boots, not to target:');
    else if (!r.ok) fail('workers', r.message, workers);
    else next.server = { ...next.server, workers: resolveWorkers(r.value, ctx.cores) };
  }
  const baselineFile = get('baselineFile');
  if (baselineFile !== undefined) {
    next.baseline = {
      store: 'file',
      file: resolve(ctx.baseDir, baselineFile),
      history: config.baseline.history,
    };
  }

  // An action input is the workflow's mistake, a flag the command line's: each has its code.
  if (problems.length > 0)
    throw linesToError(problems, style === 'input' ? 'LG_INPUT' : 'LG_CONFIG');
  throwIfIssues(checkConfig(next, ctx.env), plainSource(ctx.source, undefined));
  return next;
}
