/**
 * Writing the CLI's output files (`--json`, `--markdown`): each one independently, so one that
 * cannot be written (no permission, a folder in the way, disk full) is a clear message naming
 * the file and flag, never a stack trace, and the others are still written.
 */
import { resolve } from 'node:path';
import { errorMessage, ExitCode } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { errnoCode } from '../util/guards.js';

export interface OutputFile {
  /** The flag that asked for it (`--json`), for the message. */
  flag: string;
  /** As given on the command line; resolved against `cwd`. */
  path: string;
  /** Rendered only when needed; a render error is reported like a write error. */
  content: () => string;
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of its path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long',
  EDQUOT: 'the disk quota is exceeded',
};

/** A short reason for a failed write, without the temporary file's name. */
export function writeFailure(e: unknown): string {
  const code = errnoCode(e);
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return errorMessage(e);
}

/**
 * Writes every file; returns one message per file that could not be written (empty: all
 * written). Never throws.
 */
export async function writeOutputs(
  files: readonly OutputFile[],
  cwd: string,
  write: (path: string, content: string) => Promise<void> = writeFileAtomic,
): Promise<string[]> {
  const problems: string[] = [];
  for (const f of files) {
    const path = resolve(cwd, f.path);
    try {
      await write(path, f.content());
    } catch (e) {
      problems.push(`cannot write the ${f.flag} file ${path}: ${writeFailure(e)}`);
    }
  }
  return problems;
}

/**
 * The exit code once outputs were written: the run's own when it already failed (1, 3, 130) or
 * every file was written; otherwise 4 (a requested file is missing, so the run did not do all
 * it was asked).
 */
export function exitCodeAfterOutputs(runExit: number, problems: readonly string[]): number {
  return problems.length === 0 || runExit !== ExitCode.pass ? runExit : ExitCode.internal;
}
