/**
 * The pipeline as one readable function: boot -> ready -> warm-up -> rounds -> stats ->
 * baseline -> report. Both front doors (CLI, action) call `run`.
 * (Being written by the lead; this signature is the contract for the front doors.)
 */
import type { Config } from './config/types.js';
import type { Logger } from './log.js';
import type { Report } from './report/types.js';
import type { BaselineStore } from './baseline/types.js';
import type { ExitCode } from './errors.js';

export interface RunOptions {
  /** Append this run to the baseline history (CLI --update-baseline; action on push to main). */
  updateBaseline: boolean;
  /** The commit being measured, recorded in the baseline and report. */
  commit: string | null;
}

export interface RunDeps {
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM: stop load, stop the server, still write what we have. */
  signal: AbortSignal;
  /** Defaults to the store the config names. */
  store?: BaselineStore;
  now?: () => Date;
}

export interface RunOutcome {
  report: Report;
  exitCode: ExitCode;
}

export declare function run(config: Config, options: RunOptions, deps: RunDeps): Promise<RunOutcome>;
