/**
 * After readiness, in `workers: self` mode: one HTTP answer proves that one worker serves, not
 * all of them (gunicorn's workers load the app after the master binds; Django takes 1-3 s). Load
 * that starts then has its keep-alive connections accepted by the workers already up, and they
 * keep them for the whole run: measured here, the first gunicorn+uvicorn worker took all 32
 * connections in 12 of 12 boots, and a 2-worker run measured one worker. So wait, bounded, until
 * the expected workers exist and all are idle (done loading).
 */
import { helperCheck, listProcesses, type ProcStat } from './proc.js';
import { discoverWorkers, isHelperCommand } from './tree.js';

/** A worker that used at most this many clock ticks (10 ms each) between looks is idle. */
const IDLE_TICKS = 2;
/** Consecutive quiet looks before the workers count as settled. */
const QUIET_LOOKS = 3;
const INTERVAL_MS = 150;
/** Longest wait: an app with a busy background thread never looks idle. */
export const SETTLE_MAX_MS = 10_000;

/** Pure step: given the last look's ticks and a new snapshot, is this look quiet? */
export function quietLook(
  procs: ProcStat[],
  mainPid: number,
  expected: number | null,
  previous: ReadonlyMap<number, number>,
  isHelper: (p: ProcStat) => boolean = () => false,
): { quiet: boolean; ticks: Map<number, number>; workers: number; gone: boolean } {
  const gone = !procs.some((p) => p.pid === mainPid && p.state !== 'Z');
  const workers = discoverWorkers(procs, mainPid, isHelper);
  const ticks = new Map(workers.map((w) => [w.pid, w.cpuTicks]));
  const enough = expected === null || workers.length >= expected;
  const idle = workers.every((w) => {
    const before = previous.get(w.pid);
    return before !== undefined && w.cpuTicks - before <= IDLE_TICKS;
  });
  return { quiet: workers.length > 0 && enough && idle, ticks, workers: workers.length, gone };
}

export interface SettleResult {
  settled: boolean;
  workers: number;
  ms: number;
}

export async function settleWorkers(opts: {
  mainPid: number;
  /** Workers the command was asked to run (`{workers}` filled in), when known. */
  expected: number | null;
  /** Epoch ms: never wait past it (the readiness deadline). */
  deadline: number;
  signal?: AbortSignal;
  list?: () => Promise<ProcStat[]>;
  intervalMs?: number;
}): Promise<SettleResult> {
  const list = opts.list ?? listProcesses;
  const isHelper = opts.list ? () => false : helperCheck(isHelperCommand);
  const started = Date.now();
  const until = Math.min(opts.deadline, started + SETTLE_MAX_MS);
  let previous = new Map<number, number>();
  let quiet = 0;
  let workers = 0;
  for (;;) {
    const look = quietLook(await list(), opts.mainPid, opts.expected, previous, isHelper);
    previous = look.ticks;
    workers = look.workers;
    quiet = look.quiet ? quiet + 1 : 0;
    if (quiet >= QUIET_LOOKS) return { settled: true, workers, ms: Date.now() - started };
    // The main process gone is the supervisor's news to report, not ours to wait out.
    if (look.gone || Date.now() >= until || opts.signal?.aborted)
      return { settled: false, workers, ms: Date.now() - started };
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? INTERVAL_MS));
  }
}
