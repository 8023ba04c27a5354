/**
 * What the two ways of running a server (`self`: the command supervises itself; `spawn`: loadgate
 * runs N copies) share: the context they work in, the face they show to startServer, and the
 * boot wait (readiness on every URL, failing fast when a process exits first).
 */
import type { ReadyConfig, ServerConfig } from '../config/types.js';
import type { Logger } from '../log.js';
import { ServerError } from '../errors.js';
import type { ServerEvent, WorkerInfo } from './types.js';
import type { GroupGuard } from './guard.js';
import { groupListeningPorts, type ProcStat } from './proc.js';
import { fixedPorts } from './preflight.js';
import { describeExit, type Exit, type Launched } from './launch.js';
import { waitReady } from './readiness.js';

export interface ModeContext {
  config: ServerConfig;
  /** Environment for children (base env + server.env); each mode adds PORT. */
  env: Record<string, string>;
  guard: GroupGuard;
  log: Logger;
  /** The last lines of a log file, secrets removed: what errors and crash events show. */
  tail(path: string): string[];
  event(e: ServerEvent): void;
  /** The server is gone for good: resolves RunningServer.died (first reason wins). */
  die(reason: string): void;
}

export interface ServerMode {
  readonly mode: 'self' | 'spawn';
  readonly targets: string[];
  /** Ports that must be closed after stop. */
  readonly ports: number[];
  boot(abort: AbortSignal | undefined, deadline: number): Promise<void>;
  workers(): WorkerInfo[];
  workerCount(): number;
  mainPids(): number[];
  /** Process groups currently alive (to sample and to stop). */
  groups(): number[];
  workerOf(pid: number, procs: ProcStat[]): number | null;
  onScan?(procs: ProcStat[]): void;
  /** Shutdown begins: exits are no longer crashes, no more restarts or probes. */
  beginStop(): void;
  /** After the groups are gone: release what the mode holds (the shared socket). */
  release(): void;
}

export interface BootProcess {
  proc: Launched;
  /** `server`, `worker 2`: how messages name it. */
  label: string;
}

/** How often boot looks at the ports the server listens on, and how long a wrong one may last. */
const PORT_LOOK_MS = 500;
export const WRONG_PORT_MS = 3_000;

/** Whether a command mentions $PORT / ${PORT} (then the port it listens on is loadgate's). */
export function usesPortVariable(command: string): boolean {
  return /\$\{?PORT\b/.test(command);
}

function pause(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done, { once: true });
  });
}

/**
 * Resolves when a process has listened, for WRONG_PORT_MS, only on ports its command names and
 * not on the one loadgate probes: the command hard-codes its port instead of using $PORT, and
 * waiting for readiness would only end at the timeout. Never resolves otherwise.
 */
async function watchWrongPort(
  procs: readonly BootProcess[],
  expected: ReadonlySet<number>,
  named: readonly number[],
  stop: AbortSignal,
): Promise<{ p: BootProcess; ports: number[] }> {
  let since: number | null = null;
  while (!stop.aborted) {
    await pause(PORT_LOOK_MS, stop);
    if (stop.aborted) break;
    let wrong: { p: BootProcess; ports: number[] } | null = null;
    for (const p of procs) {
      const ports = await groupListeningPorts([p.proc.pgid]);
      if (
        ports.length > 0 &&
        !ports.some((x) => expected.has(x)) &&
        ports.every((x) => named.includes(x))
      ) {
        wrong = { p, ports };
        break;
      }
    }
    if (!wrong) since = null;
    else if ((since ??= Date.now()) + WRONG_PORT_MS <= Date.now()) return wrong;
  }
  return new Promise(() => {});
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** Rejects with a ServerError naming the process, exit and log, or the URL, path and timeout. */
export async function awaitBoot(opts: {
  command: string;
  urls: { url: string; logPath: string }[];
  ready: ReadyConfig;
  deadline: number;
  procs: BootProcess[];
  abort: AbortSignal | undefined;
  tail(path: string): string[];
}): Promise<void> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.abort?.addEventListener('abort', onAbort, { once: true });
  if (opts.abort?.aborted) stop.abort();
  type First =
    | { kind: 'exit'; p: BootProcess; exit: Exit }
    | { kind: 'probes'; results: Awaited<ReturnType<typeof waitReady>>[] }
    | { kind: 'wrong-port'; p: BootProcess; ports: number[] };
  const expected = new Set(opts.urls.map((u) => portOf(u.url)));
  // Only a command that names a port and not $PORT is watched: it "clearly" ignores $PORT.
  const named = usesPortVariable(opts.command) ? [] : fixedPorts(opts.command);
  const exited = Promise.race(
    opts.procs.map((p) => p.proc.exited.then((exit): First => ({ kind: 'exit', p, exit }))),
  );
  const probes = Promise.all(
    opts.urls.map((u) =>
      waitReady(u.url + opts.ready.path, opts.ready, opts.deadline, stop.signal),
    ),
  ).then((results): First => ({ kind: 'probes', results }));
  const racers = [exited, probes];
  if (named.length > 0) {
    racers.push(
      watchWrongPort(opts.procs, expected, named, stop.signal).then((w): First => ({
        kind: 'wrong-port',
        ...w,
      })),
    );
  }
  const first = await Promise.race(racers);
  stop.abort();
  opts.abort?.removeEventListener('abort', onAbort);
  if (opts.abort?.aborted) throw new ServerError('server boot interrupted', { code: 'LG_ABORTED' });
  if (first.kind === 'exit') {
    const { p, exit } = first;
    throw new ServerError(
      `${p.label} (pid ${p.proc.pid}) ${describeExit(exit)} before it was ready: ` +
        `${opts.command} (log: ${p.proc.logPath})`,
      { code: 'LG_SERVER_EXITED', details: opts.tail(p.proc.logPath) },
    );
  }
  if (first.kind === 'wrong-port') {
    const { p, ports } = first;
    const list = ports.join(', ');
    throw new ServerError(
      `${p.label} (pid ${p.proc.pid}) listens on port ${list}, not on $PORT ` +
        `(${[...expected].join(', ')}), where loadgate probes and sends load: ` +
        `server.command hard-codes its port; write $PORT instead (for example --port $PORT or ` +
        `--bind 127.0.0.1:$PORT): ${opts.command} (log: ${p.proc.logPath})`,
      { code: 'LG_WRONG_PORT', details: opts.tail(p.proc.logPath) },
    );
  }
  const failed = first.results.findIndex((r) => r.kind !== 'ready');
  const result = first.results[failed];
  const target = opts.urls[failed];
  if (result && target) {
    const last = result.kind === 'timeout' ? result.last : 'stopped';
    // Listening, but elsewhere: say where (the commonest cause of a never-ready server).
    const ports = await groupListeningPorts(opts.procs.map((p) => p.proc.pgid));
    const elsewhere =
      ports.length > 0 && !ports.some((x) => expected.has(x))
        ? `; the server listens on port ${ports.join(', ')}, not on $PORT (${portOf(target.url)}): use $PORT in server.command`
        : '';
    throw new ServerError(
      `server not ready after ${opts.ready.timeoutMs / 1000} s (ready.timeout): ` +
        `GET ${target.url}${opts.ready.path} did not answer ${opts.ready.status} ` +
        `${opts.ready.successes} time(s) in a row (last: ${last})${elsewhere}; log: ${target.logPath}`,
      { code: 'LG_READY_TIMEOUT', details: opts.tail(target.logPath) },
    );
  }
}
