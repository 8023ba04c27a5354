/**
 * The one typed Config that loadgate.yml, action inputs and CLI flags all end up as.
 * Durations are milliseconds, rates requests per second, ratios plain fractions (0.05 = 5%).
 * Paths are absolute (resolved against the config file's folder, or the working directory).
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export type WorkersSpec =
  /** The command supervises its own workers (gunicorn -w 4, uvicorn --workers, Node cluster). */
  | { mode: 'self'; count: number | null }
  /** loadgate starts `count` copies of a single-process command. `auto` records how it was chosen. */
  | { mode: 'spawn'; count: number; auto: boolean; reason: string };

export interface ReadyConfig {
  path: string;
  timeoutMs: number;
  /** Expected HTTP status of the readiness probe. */
  status: number;
  /** Consecutive successful probes required. */
  successes: number;
}

export interface ServerConfig {
  /** Shell command; `$PORT` (and the PORT variable) is the port loadgate chose. */
  command: string;
  cwd: string;
  /** Commands run once, in order, before boot (migrations). */
  setup: string[];
  setupTimeoutMs: number;
  env: Record<string, string>;
  workers: WorkersSpec;
  /** spawn mode only: one port per worker, or one listening socket shared as fd 3. */
  socket: 'per-port' | 'shared';
  ready: ReadyConfig;
  /** SIGTERM -> SIGKILL grace period on shutdown. */
  graceMs: number;
  /** A worker crash fails the run (exit 3) after the report is written. */
  failOnCrash: boolean;
  /** Folder for per-process log files. */
  logDir: string;
  /**
   * CPUs the server is pinned to (`taskset -c`), e.g. [0] to emulate a 1-vCPU target; absent or
   * null: not pinned. Set by `loadgate sweep --cpus`; children inherit the affinity.
   */
  cpus?: number[] | null;
}

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; value: string; contentType: string | null };

export interface ExpectSpec {
  /** Accepted statuses; empty means any 2xx/3xx. */
  status: number[];
  bodyContains: string | null;
}

export interface RequestSpec {
  name: string;
  method: HttpMethod;
  /** Path template, e.g. `/api/items/${data.id}`; starts with `/`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: BodySpec;
  weight: number;
  expect: ExpectSpec;
}

export interface CaptureSpec {
  /** Dotted path into the JSON body, e.g. `access.token`, or a header name. */
  from: 'json' | 'header';
  path: string;
}

export interface SetupRequestSpec extends RequestSpec {
  /** Variables captured from the response: `token: { json: access_token }`. */
  capture: Record<string, CaptureSpec>;
}

export interface DataFeedSpec {
  file: string;
  format: 'csv' | 'json';
  order: 'sequential' | 'random';
}

export interface StageSpec {
  durationMs: number;
  /** Target rate at the end of the stage (linear ramp from the previous stage's rate). */
  rate: number;
}

export interface LoadConfig {
  model: 'closed' | 'open';
  connections: number;
  /** Open model: requests per second (constant unless `stages` are given). */
  rate: number | null;
  stages: StageSpec[];
  warmupMs: number;
  durationMs: number;
  rounds: number;
  /** Per-request timeout. */
  timeoutMs: number;
  threads: number;
  /** Header names whose values are secret: masked in every output. */
  secretHeaders: string[];
  /** Seed for weighted choice and random built-ins, so runs are repeatable. */
  seed: number;
}

export interface GateConfig {
  /** Allowed relative RPS drop, positive fraction (`rps: -3%` -> 0.03). */
  rps: number;
  /** Allowed relative p95 rise (`p95: +10%` -> 0.10). */
  p95: number;
  /** Absolute error-rate ceiling (`errors: 1%` -> 0.01). */
  errors: number;
  /** What fails the check: only regressions (default), or inconclusive results too. */
  failOn: 'regression' | 'inconclusive';
  /**
   * Same-runner A/B: the time from the first boot to the verdict within which more blocks may
   * be added while a gated metric is undecided (sequential A/B).
   */
  maxTimeMs: number;
}

/**
 * What a run is compared with. auto: the base commit on the same runner when there is one (a
 * pull request's base, `--base`, or the merge-base with the default branch), otherwise the
 * stored history; stored: always the stored history; base: always the base (falls back to the
 * stored history with a warning when the base cannot be measured).
 */
export type CompareMode = 'auto' | 'stored' | 'base';

export type BaselineStoreConfig =
  /** `isDefault`: no `baseline:` key was given (the action then uses the branch store). */
  | { store: 'file'; file: string; history: number; isDefault?: boolean }
  | { store: 'branch'; branch: string; remote: string; history: number };

/**
 * The whole configuration, one typed object: a server loadgate boots, or a target that already
 * runs (exactly one; `config.server === null` narrows to the target).
 */
export type Config = ConfigCommon & (BootedServer | RunningTarget);

export interface BootedServer {
  server: ServerConfig;
  target: null;
}

export interface RunningTarget {
  server: null;
  /** An API already running: on this machine (loopback), or remote when targetAccess allows. */
  target: string;
}

/** `target-ready`: wait until the target answers before the load starts (previews boot slowly). */
export interface TargetReadyConfig {
  path: string;
  timeoutMs: number;
  /** Expected HTTP status; null: any answer below 500 (the host is up and routing). */
  status: number | null;
  successes: number;
}

/** How loadgate may reach `target:` (keys allow-remote-target, target-ca, target-ready). */
export interface TargetAccess {
  /** `allow-remote-target: true`: the target may be any http(s) URL, not only loopback. */
  allowRemote: boolean;
  /** `target-ca`: absolute path of a PEM file trusted in addition to Node's root CAs. */
  caFile: string | null;
  /** Readiness wait for the target; null: none (a loopback target without target-ready). */
  ready: TargetReadyConfig | null;
}

export interface ConfigCommon {
  /** One baseline series per name. */
  name: string;
  /** The file this config came from, for messages; null when built from inputs/flags only. */
  source: string | null;
  /** Folder relative paths were resolved against. */
  baseDir: string;
  load: LoadConfig;
  setup: SetupRequestSpec[];
  requests: RequestSpec[];
  data: DataFeedSpec | null;
  /** Extra variables for templates (`${vars.x}`); `${env.X}` reads the environment. */
  vars: Record<string, string>;
  gate: GateConfig;
  baseline: BaselineStoreConfig;
  compare: CompareMode;
  /** Remote target, CA and readiness settings; absent: loopback only, no CA, no wait. */
  targetAccess?: TargetAccess;
  /**
   * Warnings about the config itself (a bare duration number that looks like milliseconds);
   * absent when there are none. The pipeline prints them with its other warnings.
   */
  notes?: readonly string[];
}
