/**
 * Per-process log files. Every child writes stdout and stderr straight into its own file (never a
 * pipe that nobody reads: a full pipe blocks a server under load); on failure we show the tail.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/** How many lines of a log a failure shows. */
export const TAIL_LINES = 40;
const TAIL_BYTES = 64 * 1024;

/** Run folders kept under `server.log-dir`; older ones are removed when a new run starts. */
export const KEEP_RUN_FOLDERS = 20;
const RUN_FOLDER = /^run-\d{8}-\d{6}-\d{3}-\d+-[0-9a-f]{6}$/;

/** `run-20260501-120000-123-4242-a1b2c3`: sorts by start time (UTC, ms), unique per start. */
export function runFolderName(now: Date, pid: number, random: string): string {
  const iso = now.toISOString(); // 2026-05-01T12:00:00.123Z
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
  return `run-${stamp}-${pid}-${random}`;
}

/**
 * A fresh folder for this server start's logs under `root` (so a tail never shows an earlier
 * run's lines); keeps the newest `keep` run folders and removes older ones. Only folders named
 * like ours are ever removed.
 */
export function freshRunLogDir(root: string, keep = KEEP_RUN_FOLDERS): string {
  mkdirSync(root, { recursive: true });
  const dir = join(root, runFolderName(new Date(), process.pid, randomBytes(3).toString('hex')));
  mkdirSync(dir);
  try {
    const runs = readdirSync(root)
      .filter((name) => RUN_FOLDER.test(name))
      .sort();
    for (const old of runs.slice(0, Math.max(0, runs.length - keep))) {
      rmSync(join(root, old), { recursive: true, force: true });
    }
  } catch {
    // Pruning is housekeeping: a failure must not stop the run.
  }
  return dir;
}

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
