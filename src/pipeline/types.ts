/** What the pipeline takes and gives: options from the front doors, effects passed in. */
import type { WorkersSpec } from '../config/types.js';
import type { ExitCode } from '../errors.js';
import type { Logger } from '../log.js';
import type { Report, RunnerFingerprint } from '../report/types.js';
import type { ShardPlan } from '../load/index.js';
import type { BaselineStore } from '../baseline/types.js';
import type { ABOptions, BaseMeasured } from './ab/index.js';
import type { Config } from '../config/types.js';
import type { Measurement } from './measure.js';

export interface RunOptions {
  /** Append this run to the baseline history (CLI --update-baseline; action on push to main). */
  updateBaseline: boolean;
  /** The commit being measured, recorded in the baseline and report. */
  commit: string | null;
  /**
   * The commit to measure against on the same runner (a PR's base, `--base`, or the CLI's
   * merge-base default), for compare: auto and base; null or absent: none.
   */
  baseRef?: string | null;
  /** How baseRef was found, for the log (e.g. "the pull request's base"). */
  baseRefOrigin?: string | null;
  /**
   * Workers given on the command line or as an action input: they apply to the base side of
   * A/B too, even when the base's own loadgate.yml names other workers.
   */
  workersOverride?: WorkersSpec | null;
  /**
   * Figures measured elsewhere (`loadgate merge` of shard reports): the shards' scenario
   * fingerprint and runner stand for this machine's, which only compared.
   */
  recorded?: { scenarioHash: string; runner: RunnerFingerprint } | null;
}

export interface RunDeps {
  log: Logger;
  env: Record<string, string | undefined>;
  /** Aborted on SIGINT/SIGTERM: stop load, stop the server, still write what we have. */
  signal: AbortSignal;
  /** Defaults to the store the config names. */
  store?: BaselineStore;
  /** File where the supervisor records process groups for the action's post step. */
  stateFile?: string;
  now?: () => Date;
  /** The stored-mode measurement (boot, load, stop); injected by tests. */
  measure?: (config: Config, deps: RunDeps) => Promise<Measurement>;
  /** The A/B measurement against a base commit; injected by tests. */
  measureBase?: (
    config: Config,
    ref: string,
    deps: RunDeps,
    ab: ABOptions,
  ) => Promise<BaseMeasured>;
  /** A/B layout and test overrides (benchmarks, tests). */
  ab?: ABOptions;
  /** This run is one shard of several load generators (runShard sets it). */
  shard?: ShardPlan | null;
}

export interface RunOutcome {
  report: Report;
  exitCode: ExitCode;
}
