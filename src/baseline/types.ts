/**
 * The stored baseline record. Versioned (`schema`); readers migrate or ignore older schemas.
 */
import type { RoundMetrics, RunnerFingerprint } from '../report/types.js';

export const BASELINE_SCHEMA = 1;

export interface BaselineEntry {
  createdAt: string;
  commit: string | null;
  /** Hash of everything that makes two runs comparable (requests, load model, server command). */
  scenarioHash: string;
  runner: RunnerFingerprint;
  versions: Record<string, string>;
  /** How percentiles were computed (simple-statistics changed its method once). */
  quantileMethod: string;
  rounds: RoundMetrics[];
  endpoints: { name: string; rounds: RoundMetrics[] }[];
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
