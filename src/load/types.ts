/**
 * What the load engine produces. Every figure of one round; histograms travel encoded
 * (src/load/histogram.ts) so rounds, threads and baselines merge exactly.
 */

/** Why a request counted as an error. `status:503` style keys are used for HTTP statuses. */
export type ErrorKind =
  | 'timeout'
  | 'connect-refused'
  | 'connect-reset'
  | 'check-failed'
  | 'protocol'
  | 'other'
  | `status:${number}`;

export interface EndpointRound {
  name: string;
  requests: number;
  errors: number;
  errorsByKind: Partial<Record<ErrorKind, number>>;
  /** Encoded HDR histogram of latency in microseconds (open model: from the due time). */
  latency: string;
  /** Encoded histogram of service time (from the actual send); equals latency in the closed model. */
  serviceTime: string;
}

export interface GeneratorHealth {
  /** Share of one core the generator used during the round (1.0 = a whole core). */
  cpuShare: number;
  /** Event-loop delay p99 during the round, ms. */
  eventLoopDelayP99Ms: number;
  /** Open model: how late the scheduler sent requests, p99 ms. */
  schedulerLagP99Ms: number | null;
  /** Open model: target and achieved rates, deepest backlog of due-but-unsent requests. */
  targetRate: number | null;
  achievedRate: number | null;
  maxQueue: number | null;
  /**
   * Open model: due requests that waited in the backlog longer than the timeout and were never
   * sent; they are also counted as `timeout` errors. Absent in results from older versions.
   */
  dropped?: number | null;
  /** The generator, not the API, limited this round. */
  bound: boolean;
  reason: string | null;
}

export interface RoundResult {
  index: number;
  /** Epoch ms when the measured part of the round started. */
  startedAt: number;
  /** Measured seconds (warm-up excluded). */
  seconds: number;
  requests: number;
  errors: number;
  errorsByKind: Partial<Record<ErrorKind, number>>;
  rps: number;
  /** Overall histograms for the round (all endpoints). */
  latency: string;
  serviceTime: string;
  endpoints: EndpointRound[];
  generator: GeneratorHealth;
}

/** Progress callbacks: the engine measures, the caller decides how to print. */
export interface LoadProgress {
  onPhase?(phase: 'setup' | 'warmup' | 'round', index: number, total: number): void;
  onRoundDone?(round: RoundResult): void;
  /** About once a second during a round, for a live line in a terminal. */
  onTick?(info: { round: number; elapsedMs: number; requests: number; errors: number }): void;
  /** Something the user should know that does not stop the run (e.g. threads unavailable). */
  onWarning?(message: string): void;
}
