/**
 * The action's `post:` step. GitHub runs it after the job's steps, also when the main step was
 * cancelled or killed: it ends every process group loadgate recorded and did not stop itself,
 * and every process still carrying the run mark of a server start that did not finish (one that
 * left its group with setsid). See src/supervisor/guard.ts for the other two nets. A group is
 * signalled only while its leader's start time is the recorded one (or the leader is gone and
 * the group lives on, which keeps its id from being reused): a reused pid is never signalled.
 * It never fails the job. The step's entry is src/post.ts (`run()`).
 */
import { readFileSync, rmSync } from 'node:fs';
import { defaultStateFile, parseStateFile } from '../supervisor/statefile.js';
import { signalGroup } from '../supervisor/launch.js';
import { readStartTime } from '../supervisor/proc.js';
import { sweepRun } from '../supervisor/sweep.js';

export interface PostDeps {
  env: Record<string, string | undefined>;
  log: { info(message: string): void; warn(message: string): void };
  /** File text, or null when there is no file (nothing was recorded). */
  readFile(path: string): string | null;
  removeFile(path: string): void;
  /** Sends `signal` to the process group; false when no such group exists. */
  signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean;
  /** Start time of the live process `pid` (/proc/PID/stat field 22); null when none. */
  startTime(pid: number): number | null;
  /** Ends every process marked with the run id; returns their pids. */
  sweepRun(runId: string): Promise<number[]>;
  sleep(ms: number): Promise<void>;
}

/** SIGTERM, then up to this long for the groups to go, then SIGKILL. */
export const POST_GRACE_MS = 3_000;
const POLL_MS = 100;

/** Returns the process groups it had to end. */
export async function stopLeftovers(deps: PostDeps): Promise<number[]> {
  const file = defaultStateFile(deps.env);
  const text = deps.readFile(file);
  if (text === null) return [];
  const record = parseStateFile(text);
  const alive: number[] = [];
  for (const { pgid, start } of record.groups) {
    if (!deps.signalGroup(pgid, 0)) continue;
    const now = deps.startTime(pgid);
    if (start === null) {
      deps.log.warn(`process group ${pgid} was recorded without a start time: not signalled`);
    } else if (now !== null && now !== start) {
      deps.log.info(`process ${pgid} is not the one loadgate started (pid reused): not signalled`);
    } else {
      alive.push(pgid);
    }
  }
  if (alive.length > 0) {
    deps.log.warn(
      `loadgate left ${alive.length} process group(s) running: ${alive.join(', ')}; stopping them`,
    );
    for (const g of alive) deps.signalGroup(g, 'SIGTERM');
    for (let waited = 0; waited < POST_GRACE_MS; waited += POLL_MS) {
      if (!alive.some((g) => deps.signalGroup(g, 0))) break;
      await deps.sleep(POLL_MS);
    }
    for (const g of alive) if (deps.signalGroup(g, 0)) deps.signalGroup(g, 'SIGKILL');
  }
  for (const runId of record.runs) {
    const strays = await deps.sweepRun(runId);
    if (strays.length > 0) {
      deps.log.warn(
        `loadgate left ${strays.length} process(es) outside its process groups: ` +
          `${strays.join(', ')}; stopped them`,
      );
    }
  }
  deps.removeFile(file);
  return alive;
}

export function defaultPostDeps(
  env: Record<string, string | undefined>,
  log: PostDeps['log'] = {
    info: (m) => console.log(m),
    warn: (m) => console.log(`::warning::${m}`),
  },
): PostDeps {
  return {
    env,
    log,
    readFile: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return null;
      }
    },
    removeFile: (path) => rmSync(path, { force: true }),
    signalGroup,
    startTime: readStartTime,
    sweepRun: (runId) => sweepRun(runId, POST_GRACE_MS),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
