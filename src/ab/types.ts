/**
 * What the A/B room needs from the stored-baseline pipeline, passed in by run.ts (so this room
 * never imports run.ts at runtime), and the error that means "the base's problem: fall back".
 */
import type { Config } from '../config/types.js';
import type { ExitCode } from '../errors.js';
import type { Report } from '../report/types.js';
import type { RunDeps, RunOptions, RunOutcome } from '../run.js';

export interface StoredPath {
  /** The stored-baseline pipeline: A/B's fallback when the base cannot be measured. */
  run(config: Config, options: RunOptions, deps: RunDeps): Promise<RunOutcome>;
  exitCode(report: Report, config: Config, crashed: boolean): ExitCode;
}

/** One of the two sides of an A/B comparison: A is the base commit, B the head (this PR). */
export type Side = 'base' | 'head';

/**
 * The base commit could not be checked out, set up, booted or kept alive. Never fails the PR:
 * runAB reports it as a warning and falls back to the stored baseline.
 */
export class BaseUnavailable extends Error {
  readonly details: string[];
  constructor(message: string, details: string[] = []) {
    super(message);
    this.name = 'BaseUnavailable';
    this.details = details;
  }
}
