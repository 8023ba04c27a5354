/**
 * Errors that reach a user. Each has a stable `code` (for scripts and tests) and an exit code
 * that the CLI uses; messages name the file, key, process or URL at fault.
 */

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

export class LoadgateError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  /** Extra lines shown under the message (for example the last lines of a server log). */
  readonly details: string[];

  constructor(code: string, message: string, exitCode: ExitCode, details: string[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.details = details;
  }
}

/** Invalid configuration or usage: exit 2. */
export class ConfigError extends LoadgateError {
  constructor(message: string, code = 'LG_CONFIG', details: string[] = []) {
    super(code, message, ExitCode.usage, details);
  }
}

/** The server could not be set up, never became ready, or crashed: exit 3. */
export class ServerError extends LoadgateError {
  constructor(message: string, code = 'LG_SERVER', details: string[] = []) {
    super(code, message, ExitCode.server, details);
  }
}

/** A setup request or the load itself could not start (bad URL, failed login): exit 2. */
export class ScenarioError extends LoadgateError {
  constructor(message: string, code = 'LG_SCENARIO', details: string[] = []) {
    super(code, message, ExitCode.usage, details);
  }
}

export function isLoadgateError(e: unknown): e is LoadgateError {
  return e instanceof LoadgateError;
}

/** The message of anything thrown (an Error's message, or the value as text), without a cast. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
