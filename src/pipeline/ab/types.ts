/** One of the two sides of an A/B comparison: A is the base commit, B the head (this PR). */
export type Side = 'base' | 'head';

/**
 * The base commit could not be checked out, set up, booted or kept alive. Never fails the PR:
 * the pipeline reports it as a warning and falls back to the stored baseline.
 */
export class BaseUnavailable extends Error {
  readonly details: string[];
  constructor(message: string, options: { details?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BaseUnavailable';
    this.details = [...(options.details ?? [])];
  }
}
