/**
 * Per-process log files. Every child writes stdout and stderr straight into its own file (never a
 * pipe that nobody reads: a full pipe blocks a server under load); on failure we show the tail.
 */
import { closeSync, mkdirSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** How many lines of a log a failure shows. */
export const TAIL_LINES = 40;
const TAIL_BYTES = 64 * 1024;

/** A file-safe name for a log: `setup-1`, `server`, `worker-2`. */
export function logPath(dir: string, name: string): string {
  return join(dir, `${name.replace(/[^\w.-]+/g, '_')}.log`);
}

/** Opens (appending) a log file and writes a marker line; the caller hands the fd to a child. */
export function openLog(path: string, marker: string): number {
  mkdirSync(join(path, '..'), { recursive: true });
  const fd = openSync(path, 'a');
  writeSync(fd, `--- loadgate: ${marker} (${new Date().toISOString()})\n`);
  return fd;
}

export function closeLog(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
}

/** The last `n` lines of a file (reads at most the last 64 KiB); [] when missing. */
export function lastLines(path: string, n = TAIL_LINES): string[] {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const len = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    const lines = buf.toString('utf8').split('\n');
    if (size > len) lines.shift(); // probably cut in the middle
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.slice(-n);
  } catch {
    return [];
  } finally {
    if (fd !== null) closeLog(fd);
  }
}
