/**
 * The sweep report: what `loadgate sweep` measured at each worker count and what it recommends.
 * Its JSON form is a public contract (docs/sweep.md): add fields, never rename or remove them.
 */
import type { LoadShape, RunnerFingerprint } from '../report/types.js';

/** One worker count, measured with the usual warm-up and rounds. */
export interface SweepPoint {
  workers: number;
  /** Overall figures: total requests / seconds; percentiles (ms) of the merged histogram. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Fraction of requests that failed (0.01 = 1%). */
  errorRate: number;
  requests: number;
  errors: number;
  /** RPS of each round, to show the spread (a worker taking most connections shows here). */
  roundRps: number[];
  /** Mean CPU of each worker process while load ran, as a share of one core, by worker index. */
  cpuPerWorker: number[];
  /** Mean CPU of every server process together (master included), in cores. */
  serverCpu: number;
  /** Peak memory of all server processes: the PSS sum where readable, else the RSS sum. */
  memoryBytes: number;
  memoryKind: 'pss' | 'rss';
  /** Peak RSS sum (overstates memory of forked workers that share pages). */
  rssBytes: number;
  /** Some round was limited by the load generator, not the API. */
  generatorBound: boolean;
  generatorNote: string | null;
  /** Mean CPU of the load generator, as a share of one core. */
  generatorCpu: number;
  /** Mean busy share of all the machine's CPUs (0..1), other processes included. */
  systemCpu: number;
  /** Worker deaths during the measurement. */
  crashes: number;
  readyMs: number | null;
  /** Why this count could not be measured (boot failed, server died); its figures are 0. */
  failure: string | null;
  /**
   * Boots at this count: above 1 when a boot left workers idle while CPU was free (one worker
   * accepted most keep-alive connections) and loadgate booted again; the most even one is kept.
   */
  attempts: number;
  /** Workers stayed idle with CPU free even in the kept boot: the figures are a floor. */
  uneven: boolean;
}

export type CurveShape =
  /** RPS stops rising at or before the core count. */
  | 'cpu-bound'
  /** RPS keeps rising past the core count (workers wait on I/O). */
  | 'io-bound'
  /** The best count is the largest one tried. */
  | 'still-rising'
  /** No count could be recommended (all failed or had errors). */
  | 'none';

export interface Recommendation {
  /** Null when no count qualifies. */
  workers: number | null;
  /** The reasoning in words: the choice, the curve's shape, and what limited the measurement. */
  reason: string;
  shape: CurveShape;
}

/** One concurrency level of the optional connections sweep. */
export interface ConcurrencyPoint {
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errorRate: number;
  generatorBound: boolean;
  failure: string | null;
}

export interface ConcurrencySweep {
  /** The worker count the connections sweep ran at (the recommended one). */
  workers: number;
  points: ConcurrencyPoint[];
  /** The connections level where RPS stops rising and latency starts to climb; null if none. */
  knee: number | null;
  reason: string;
}

export interface SweepReport {
  schema: 1;
  kind: 'sweep';
  name: string;
  createdAt: string;
  /** The server command as configured (`{workers}` unfilled). */
  command: string;
  mode: 'self' | 'spawn';
  load: LoadShape;
  /** Tolerances the recommendation used (from gate:). */
  tolerance: { rpsBand: number; p95: number; errors: number };
  points: SweepPoint[];
  recommendation: Recommendation;
  concurrency: ConcurrencySweep | null;
  /** CPUs the server ran on: the pinned list (`--cpus`), else every CPU loadgate may use. */
  cpus: number[];
  /** The server was pinned with taskset to `cpus`. */
  pinned: boolean;
  /** CPUs of the machine loadgate ran on (the generator's share included). */
  hostCpus: number[];
  runner: RunnerFingerprint;
  versions: Record<string, string>;
  warnings: string[];
}
