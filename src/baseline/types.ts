/**
 * The stored baseline record. Versioned (`schema`); readers migrate or ignore older schemas.
 */
import type { StoredRun } from '../stats/types.js';

export const BASELINE_SCHEMA = 1;

/**
 * One stored run: what the statistics compare (StoredRun: scenario hash, runner, rounds and
 * per-endpoint rounds) plus what storage keeps for the reader.
 */
export interface BaselineEntry extends StoredRun {
  versions: Record<string, string>;
  /** How percentiles were computed (simple-statistics changed its method once). */
  quantileMethod: string;
  /** Encoded merged HDR histogram (µs). */
  histogram: string;
}

export interface BaselineSeries {
  schema: number;
  name: string;
  /** Oldest first; bounded by the store's `history`. */
  entries: BaselineEntry[];
}

export interface ReadResult {
  series: BaselineSeries | null;
  /** Why the baseline is unusable or partial (corrupt file, old schema); shown as a warning. */
  warning: string | null;
}

export interface BaselineStore {
  /** Human description for messages, e.g. "file .loadgate/baseline.json". */
  readonly description: string;
  read(name: string): Promise<ReadResult>;
  /** Append an entry, keeping at most `history` entries; atomic (no half-written file). */
  append(name: string, entry: BaselineEntry, history: number): Promise<void>;
}
