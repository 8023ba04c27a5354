/**
 * Errors that reach a user. Each has a stable `code` (for scripts and tests) and an exit code
 * that the CLI uses; messages name the file, key, process or URL at fault.
 */
import type { ErrorCode } from './error-codes.js';

/** The CLI's exit codes: a public contract (README, "CLI"). */
export const ExitCode = {
  pass: 0,
  regression: 1,
  usage: 2,
  server: 3,
  internal: 4,
  /** Stopped by SIGINT/SIGTERM (128 + SIGINT). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The second argument of every loadgate error: `new ConfigError(message, { code, details })`. */
export interface LoadgateErrorOptions {
  /** The stable code (src/error-codes.ts); each class has a default for its general case. */
  code?: ErrorCode;
  /** Extra lines shown under the message (for example the last lines of a server log). */
  details?: readonly string[];
  /** The error that caused this one (Error.cause). */
  cause?: unknown;
}

/** What a class of error fixes: its default code and the exit code every error of it gets. */
interface ErrorKind {
  code: ErrorCode;
  exitCode: ExitCode;
}

/**
 * The base of every error a user can cause (undici's style): one subclass per kind of failure,
 * each error with a stable `code`; the exit code comes from the class, never from the throw site.
 */
export abstract class LoadgateError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  /** Extra lines shown under the message (for example the last lines of a server log). */
  readonly details: string[];

  protected constructor(message: string, kind: ErrorKind, options: LoadgateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? kind.code;
    this.exitCode = kind.exitCode;
    this.details = [...(options.details ?? [])];
  }
}

/** Invalid configuration, input or usage: exit 2. */
export class ConfigError extends LoadgateError {
  constructor(message: string, options?: LoadgateErrorOptions) {
    super(message, { code: 'LG_CONFIG', exitCode: ExitCode.usage }, options);
  }
}

/** A setup request or the load itself could not start (bad URL, failed login): exit 2. */
export class ScenarioError extends LoadgateError {
  constructor(message: string, options?: LoadgateErrorOptions) {
    super(message, { code: 'LG_SCENARIO', exitCode: ExitCode.usage }, options);
  }
}

/** The server could not be set up, never became ready, or crashed: exit 3. */
export class ServerError extends LoadgateError {
  constructor(message: string, options?: LoadgateErrorOptions) {
    super(message, { code: 'LG_SERVER', exitCode: ExitCode.server }, options);
  }
}

/** The load test finished without a round to judge (a bug or a cut-short run): exit 4. */
export class NoRoundsError extends LoadgateError {
  constructor(message: string, options?: LoadgateErrorOptions) {
    super(message, { code: 'LG_NO_ROUNDS', exitCode: ExitCode.internal }, options);
  }
}

/** The run was stopped by SIGINT/SIGTERM after its load started: exit 130. */
export class InterruptedError extends LoadgateError {
  constructor(message: string, options?: LoadgateErrorOptions) {
    super(message, { code: 'LG_INTERRUPTED', exitCode: ExitCode.interrupted }, options);
  }
}

export function isLoadgateError(e: unknown): e is LoadgateError {
  return e instanceof LoadgateError;
}

/** The stack of anything thrown (for an internal error's report), or the value as text. */
export function errorStack(e: unknown): string {
  return e instanceof Error ? (e.stack ?? String(e)) : String(e);
}

/** The message of anything thrown (an Error's message, or the value as text), without a cast. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
