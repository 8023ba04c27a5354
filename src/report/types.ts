/**
 * The Report: everything one run found, and the JSON report's shape (a public contract,
 * documented in docs/report.md; change only with a changelog note).
 */
import type { ServerEvent } from '../supervisor/types.js';
import type {
  Advice,
  MetricSet,
  NoiseReport,
  RoundMetrics,
  RunnerFingerprint,
  Verdict,
} from '../stats/types.js';

export type {
  Advice,
  MetricName,
  MetricResult,
  MetricSet,
  NextStep,
  NoiseReport,
  RoundMetrics,
  RunnerFingerprint,
  Verdict,
} from '../stats/types.js';

/** Where a failed run stopped. */
export type FailurePhase = 'setup' | 'boot' | 'load' | 'interrupted';

/** Why a run failed (the JSON report's `failure`). */
export interface RunFailure {
  phase: FailurePhase;
  /** The stable error code, e.g. LG_SERVER_DIED. */
  code: string;
  message: string;
  /** More lines: the last lines of the server's log in this run (secrets redacted). */
  details: string[];
}

export interface RoundReport extends RoundMetrics {
  index: number;
  seconds: number;
  requests: number;
  errors: number;
  errorsByKind: Record<string, number>;
  generatorBound: boolean;
  generatorNote: string | null;
  /** A worker crashed during this round. */
  crashed: boolean;
  /** Encoded HDR histogram of the round's latency (µs). */
  latency: string;
}

export interface EndpointReport {
  name: string;
  requests: number;
  errors: number;
  errorsByKind: Record<string, number>;
  metrics: MetricSet;
}

export interface WorkerReport {
  index: number;
  pid: number;
  /** Mean CPU share of one core while load ran. */
  cpu: number;
  rssBytes: number;
  pssBytes: number | null;
}

export interface ServerReport {
  command: string;
  mode: 'self' | 'spawn';
  socket: 'per-port' | 'shared' | null;
  workers: number;
  workersReason: string | null;
  pids: number[];
  perWorker: WorkerReport[];
  crashes: Extract<ServerEvent, { kind: 'crash' }>[];
  readyMs: number | null;
}

export interface BaselineInfo {
  entries: number;
  commit: string | null;
  createdAt: string | null;
  sameRunner: boolean;
  note: string | null;
}

export interface Report {
  schema: 1;
  name: string;
  createdAt: string;
  commit: string | null;
  verdict: Verdict;
  /** One sentence that explains the verdict. */
  summary: string;
  /** With `inconclusive`: why, and the next step that would decide it; otherwise null. */
  advice: Advice | null;
  /** With `error`: where and why the run failed; otherwise null. */
  failure: RunFailure | null;
  metrics: MetricSet;
  totals: { requests: number; errors: number; seconds: number };
  endpoints: EndpointReport[];
  rounds: RoundReport[];
  noise: NoiseReport;
  load: LoadShape;
  /** Null in target mode. */
  server: ServerReport | null;
  target: string | null;
  /**
   * The target is not this machine (`allow-remote-target`): the runner fingerprint describes
   * the load generator only, not the server.
   */
  remoteTarget: boolean;
  baseline: BaselineInfo | null;
  runner: RunnerFingerprint;
  versions: Record<string, string>;
  /** Encoded HDR histogram of every measured request (µs). */
  histogram: string;
  warnings: string[];
  /** The baseline history this run was compared with, oldest first (for the trend chart). */
  history: HistoryPoint[];
}

/** How the load was shaped (from the config's `load:`). */
export interface LoadShape {
  model: 'closed' | 'open';
  connections: number;
  rate: number | null;
  rounds: number;
  durationMs: number;
  warmupMs: number;
}

/** One past run of the series: a point of the trend chart. */
export interface HistoryPoint {
  /** Short commit, or the date when the commit is unknown. */
  label: string;
  rps: number;
  /** ms */
  p95: number;
}
