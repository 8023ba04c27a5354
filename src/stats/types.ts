/**
 * The statistics' vocabulary: what a run measured per round, what a comparison decides per
 * metric, and the words it decides with. Every later room (baseline, report, pipeline, the front
 * doors) uses these; the report room re-exports them as part of the JSON contract
 * (docs/report.md). Types only.
 */

/**
 * `error`: the run itself failed (the server's setup, boot or death, every request failing, an
 * interrupt); `failure` says where and why, and nothing was compared.
 */
export type Verdict = 'pass' | 'regression' | 'inconclusive' | 'no-baseline' | 'error';

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

export interface RunnerFingerprint {
  cpuModel: string;
  cores: number;
  os: string;
  node: string;
}

/** The noise the rounds themselves show. */
export interface RoundNoise {
  /** Coefficient of variation between rounds. */
  rpsCv: number | null;
  p95Cv: number | null;
  /** Smallest relative RPS change this run could have told from noise. */
  minDetectableRpsChange: number | null;
}

export interface NoiseReport extends RoundNoise {
  /**
   * Share of this machine's CPU time that the hypervisor gave to other guests while the load
   * ran (steal time, /proc/stat), 0..1; null when not sampled (loadgate did not start the
   * server, or there is no /proc).
   */
  steal: number | null;
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

/**
 * What the statistics need of a stored run: its scenario, runner, rounds and per-endpoint rounds
 * (the baseline room's BaselineEntry is one, with more fields for storage).
 */
export interface StoredRun {
  createdAt: string;
  commit: string | null;
  /** Hash of everything that makes two runs comparable. */
  scenarioHash: string;
  runner: RunnerFingerprint;
  rounds: RoundMetrics[];
  endpoints: { name: string; rounds: RoundMetrics[] }[];
}
