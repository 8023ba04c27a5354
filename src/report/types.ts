/**
 * The Report: everything one run found, and the JSON report's shape (a public contract,
 * documented in docs/report.md; change only with a changelog note).
 */
import type { ServerEvent } from '../supervisor/types.js';

/**
 * `error`: the run itself failed (the server's setup, boot or death, every request failing, an
 * interrupt); `failure` says where and why, and nothing was compared.
 */
export type Verdict = 'pass' | 'regression' | 'inconclusive' | 'no-baseline' | 'error';

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

/** One metric against its baseline. `change` is relative (-0.07 = 7% lower). */
export interface MetricResult {
  current: number;
  baseline: number | null;
  change: number | null;
  /** 95% interval of the relative change, when the statistics could give one. */
  interval: [number, number] | null;
  verdict: Verdict;
}

export interface MetricSet {
  rps: MetricResult;
  /** Latencies in milliseconds. */
  p50: MetricResult;
  p95: MetricResult;
  p99: MetricResult;
  /** Fraction of requests that failed (0.01 = 1%). */
  errorRate: MetricResult;
}

export type MetricName = keyof MetricSet;

/** Per-round figures, one value per round (what the statistics test). */
export interface RoundMetrics {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errorRate: number;
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

export interface RunnerFingerprint {
  cpuModel: string;
  cores: number;
  os: string;
  node: string;
}

export interface NoiseReport {
  /** Coefficient of variation between rounds. */
  rpsCv: number | null;
  p95Cv: number | null;
  /** Smallest relative RPS change this run could have told from noise. */
  minDetectableRpsChange: number | null;
}

/** What would decide an inconclusive result (the JSON report's `advice`). */
export type NextStep =
  'compare-with-base' | 'more-history' | 'more-time' | 'more-rounds' | 'accept-or-tighten';

export interface Advice {
  /** The gated metric that left the verdict undecided. */
  metric: MetricName;
  /** Its endpoint, or null for the whole scenario. */
  endpoint: string | null;
  /** Smallest change of that metric this run could detect (80% power), relative; null if unknown. */
  smallestDetectableChange: number | null;
  /** The metric's tolerance (relative; for error rate the absolute ceiling). */
  tolerance: number;
  nextStep: NextStep;
  /** Why it is undecided, and what to do: two sentences. */
  text: string;
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
