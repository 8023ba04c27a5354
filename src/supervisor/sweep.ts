/**
 * The last net of stop(): a process that left its process group (setsid, a daemonizing server)
 * escapes the group signals, but it still carries the run mark it inherited in its environment.
 * Find every live process whose /proc/PID/environ holds `LOADGATE_RUN_ID=<id>`, TERM them, wait,
 * KILL what is left. (A process that re-execs itself with a cleared environment is not found;
 * a cgroup would catch it, but runners rarely let a job create one.)
 */
import { readdir, readFile } from 'node:fs/promises';
import { RUN_MARK } from './env.js';

const POLL_MS = 50;
const KILL_WAIT_MS = 2_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Whether an environ block (NUL-separated) carries the mark. Pure. */
export function hasMark(environ: string, runId: string): boolean {
  return environ.split('\0').includes(`${RUN_MARK}=${runId}`);
}

/** Live (not zombie) processes, other than this one, marked with `runId`. */
export async function markedProcesses(runId: string): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }
  const found = await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
      .map(async (e) => {
        try {
          const stat = await readFile(`/proc/${e}/stat`, 'utf8');
          if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return null;
          return hasMark(await readFile(`/proc/${e}/environ`, 'latin1'), runId) ? Number(e) : null;
        } catch {
          return null; // gone, or another user's
        }
      }),
  );
  return found.filter((p): p is number => p !== null);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Ends every process marked with `runId`; returns the pids it found. Never throws. */
export async function sweepRun(runId: string, graceMs: number): Promise<number[]> {
  const found = await markedProcesses(runId);
  if (found.length === 0) return [];
  for (const pid of found) signal(pid, 'SIGTERM');
  let left = found;
  const deadline = Date.now() + graceMs;
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(POLL_MS);
    left = await markedProcesses(runId);
  }
  for (const pid of left) signal(pid, 'SIGKILL');
  const killDeadline = Date.now() + KILL_WAIT_MS;
  while (left.length > 0 && Date.now() < killDeadline) {
    await sleep(POLL_MS);
    left = await markedProcesses(runId);
  }
  return found;
}
