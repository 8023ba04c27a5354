/**
 * A process that keeps one core busy part of the time, for the gate benchmark's "another process
 * keeps one core busy" case (issue 11): it spins for `busyMs`, sleeps for `idleMs`, and repeats,
 * so the load comes and goes during a gate the way a neighbour's job does on a shared runner.
 * It stops by itself after `maxMs`, or as soon as its parent is gone.
 */
import { spawn } from 'node:child_process';

/** How long the neighbour spins, then sleeps, in each cycle. */
export interface BusyDuty {
  busyMs: number;
  idleMs: number;
}

export interface BusyCore {
  /** Idempotent: kills the busy process if it still runs. */
  stop(): void;
}

/** Parses BENCH_BUSY, `BUSY/IDLE` in seconds (e.g. 20/20); null when unset. */
export function parseBusy(text: string | undefined): BusyDuty | null {
  if (!text) return null;
  const m = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (!m) throw new Error(`BENCH_BUSY: "${text}" is not BUSY/IDLE in seconds, e.g. 20/20`);
  return { busyMs: Number(m[1]) * 1000, idleMs: Number(m[2]) * 1000 };
}

// The child's whole program: spin, sleep, repeat; exit when the parent dies or time is up.
const PROGRAM = `
const [busyMs, idleMs, maxMs, parent] = process.argv.slice(1).map(Number);
const end = Date.now() + maxMs;
const parentAlive = () => { try { process.kill(parent, 0); return true; } catch { return false; } };
(async () => {
  while (Date.now() < end && parentAlive()) {
    const until = Date.now() + busyMs;
    let x = 1;
    while (Date.now() < until) for (let i = 0; i < 1e5; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
    await new Promise((r) => setTimeout(r, idleMs));
  }
})();
`;

export function startBusyCore(options: BusyDuty & { maxMs: number }): BusyCore {
  const child = spawn(
    process.execPath,
    [
      '-e',
      PROGRAM,
      String(options.busyMs),
      String(options.idleMs),
      String(options.maxMs),
      String(process.pid),
    ],
    { stdio: 'ignore' },
  );
  return {
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
