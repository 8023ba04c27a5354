/**
 * What the supervisor gives the rest of the pipeline: the URLs of ready workers, a timeline of
 * what the server did, and per-process samples.
 */

export interface ProcessSample {
  pid: number;
  /** CPU share of one core since the previous sample (1.0 = a whole core). */
  cpu: number;
  rssBytes: number;
  /** Proportional set size where /proc/PID/smaps_rollup is readable, else null. */
  pssBytes: number | null;
  /** Worker index this process serves as (spawn: the copy; self: discovered worker); null for a master or helper. */
  worker?: number | null;
  /** Process name from /proc/PID/stat (comm), e.g. `gunicorn`, `node`. */
  name?: string;
}

export interface SystemSample {
  /** Busy share of all cores (0..1), and the steal share. */
  cpu: number;
  steal: number;
}

export interface Sample {
  at: number;
  system: SystemSample;
  processes: ProcessSample[];
}

export type ServerEvent =
  | { kind: 'setup'; at: number; command: string; exitCode: number; ms: number }
  | { kind: 'ready'; at: number; ms: number; workers: number }
  | {
      kind: 'crash';
      at: number;
      /** Worker index; -1 is the main process of a `workers: self` server (its death ends the run). */
      worker: number;
      pid: number;
      exitCode: number | null;
      signal: string | null;
      /** ms until the restarted worker answered again; null if it did not. */
      recoveryMs: number | null;
      lastLines: string[];
    }
  | { kind: 'restart'; at: number; worker: number; pid: number }
  | { kind: 'stop'; at: number; ms: number; forced: boolean };

export interface WorkerInfo {
  index: number;
  pid: number;
  /** Port-per-worker mode: the worker's own URL. */
  url: string | null;
  logFile: string;
}

export interface RunningServer {
  mode: 'self' | 'spawn';
  /** This start's own log folder (`<server.log-dir>/run-...`). */
  readonly logDir?: string;
  /** Base URLs (http://127.0.0.1:PORT) to spread connections over. */
  targets: string[];
  /** Number of worker processes serving requests (discovered in self mode). */
  workerCount(): number;
  workers(): WorkerInfo[];
  /** Main process ids (the command itself in self mode, every copy in spawn mode). */
  mainPids(): number[];
  events(): ServerEvent[];
  /** Samples taken since `sinceMs` (epoch ms). */
  samples(sinceMs?: number): Sample[];
  /** Resolves with a reason if the server dies for good (main process exit, crash loop). */
  readonly died: Promise<string>;
  /**
   * Stop everything this server started; idempotent (the first call's grace wins); never throws.
   * `graceMs` overrides the configured SIGTERM -> SIGKILL grace (on SIGINT: stay within 5 s).
   */
  stop(graceMs?: number): Promise<void>;
}
