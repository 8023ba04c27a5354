/**
 * The stored series as text: validation of what was read (corrupt, partial, other schemas),
 * appending with a bound, and serialization. Shared by the file and branch stores. No I/O.
 */
import { z } from 'zod';
import { BASELINE_SCHEMA, type BaselineEntry, type BaselineSeries } from './types.js';
import { count } from '../util/format.js';
import { errorMessage } from '../errors.js';
import { isRecord } from '../util/guards.js';

const roundMetrics = z.object({
  rps: z.number(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  errorRate: z.number(),
});

// Loose objects keep fields a newer loadgate of the same schema may add.
const entrySchema = z.looseObject({
  createdAt: z.string(),
  commit: z.string().nullable(),
  scenarioHash: z.string(),
  runner: z.looseObject({
    cpuModel: z.string(),
    cores: z.number(),
    os: z.string(),
    node: z.string(),
  }),
  versions: z.record(z.string(), z.string()),
  quantileMethod: z.string(),
  rounds: z.array(roundMetrics),
  endpoints: z.array(z.looseObject({ name: z.string(), rounds: z.array(roundMetrics) })),
  histogram: z.string(),
});

export type SeriesStatus =
  /** Usable (possibly with some malformed entries dropped: see warning). */
  | 'ok'
  /** Not a series at all (bad JSON, wrong shape): treated as missing, may be replaced. */
  | 'corrupt'
  /** An older or unknown schema: ignored, may be replaced. */
  | 'old-schema'
  /** Written by a newer loadgate: ignored, and never overwritten. */
  | 'newer-schema';

export interface DecodedSeries {
  series: BaselineSeries | null;
  status: SeriesStatus;
  warning: string | null;
}

/**
 * Validate a parsed series. `where` names the file (and branch) for messages.
 */
export function decodeSeries(value: unknown, name: string, where: string): DecodedSeries {
  if (!isRecord(value)) {
    return {
      series: null,
      status: 'corrupt',
      warning: `${where}: series "${name}" is not an object; ignored`,
    };
  }
  const raw = value;
  const schema = raw.schema;
  if (typeof schema === 'number' && schema > BASELINE_SCHEMA) {
    return {
      series: null,
      status: 'newer-schema',
      warning: `${where}: series "${name}" has schema ${schema}, written by a newer loadgate (this one reads ${BASELINE_SCHEMA}); ignored and left untouched`,
    };
  }
  if (schema !== BASELINE_SCHEMA) {
    return {
      series: null,
      status: 'old-schema',
      warning: `${where}: series "${name}" has ${schema === undefined ? 'no schema' : `schema ${JSON.stringify(schema)}`}, an older or unknown format (this loadgate reads schema ${BASELINE_SCHEMA}); ignored, the next baseline update starts it afresh`,
    };
  }
  if (!Array.isArray(raw.entries)) {
    return {
      series: null,
      status: 'corrupt',
      warning: `${where}: series "${name}" has no "entries" list; ignored`,
    };
  }
  const entries: BaselineEntry[] = [];
  let dropped = 0;
  for (const item of raw.entries) {
    const parsed = entrySchema.safeParse(item);
    if (parsed.success) entries.push(parsed.data);
    else dropped++;
  }
  const warning =
    dropped > 0
      ? `${where}: ${dropped} of ${count(raw.entries.length, 'entry', 'entries')} of series "${name}" are malformed and were ignored`
      : null;
  return { series: { schema: BASELINE_SCHEMA, name, entries }, status: 'ok', warning };
}

/** Parse text that should hold one series (the branch store's files). */
export function parseSeriesText(text: string, name: string, where: string): DecodedSeries {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      series: null,
      status: 'corrupt',
      warning: `${where} is not valid JSON (${errorMessage(e)}); the baseline is treated as missing`,
    };
  }
  return decodeSeries(value, name, where);
}

/** The series after appending `entry`, keeping the newest `history` entries (at least one). */
export function appendEntry(
  series: BaselineSeries | null,
  name: string,
  entry: BaselineEntry,
  history: number,
): BaselineSeries {
  const keep = Math.max(1, Math.floor(history));
  const entries = [...(series?.entries ?? []), entry].slice(-keep);
  return { schema: BASELINE_SCHEMA, name, entries };
}

/** Stable, diff-friendly JSON (one key per line) with a final newline. */
export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
