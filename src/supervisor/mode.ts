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
import type { ProcStat } from './proc.js';
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
    | { kind: 'probes'; results: Awaited<ReturnType<typeof waitReady>>[] };
  const exited = Promise.race(
    opts.procs.map((p) => p.proc.exited.then((exit): First => ({ kind: 'exit', p, exit }))),
  );
  const probes = Promise.all(
    opts.urls.map((u) =>
      waitReady(u.url + opts.ready.path, opts.ready, opts.deadline, stop.signal),
    ),
  ).then((results): First => ({ kind: 'probes', results }));
  const first = await Promise.race([exited, probes]);
  stop.abort();
  opts.abort?.removeEventListener('abort', onAbort);
  if (opts.abort?.aborted) throw new ServerError('server boot interrupted', 'LG_ABORTED');
  if (first.kind === 'exit') {
    const { p, exit } = first;
    throw new ServerError(
      `${p.label} (pid ${p.proc.pid}) ${describeExit(exit)} before it was ready: ` +
        `${opts.command} (log: ${p.proc.logPath})`,
      'LG_SERVER_EXITED',
      opts.tail(p.proc.logPath),
    );
  }
  const failed = first.results.findIndex((r) => r.kind !== 'ready');
  const result = first.results[failed];
  const target = opts.urls[failed];
  if (result && target) {
    const last = result.kind === 'timeout' ? result.last : 'stopped';
    throw new ServerError(
      `server not ready after ${opts.ready.timeoutMs / 1000} s (ready.timeout): ` +
        `GET ${target.url}${opts.ready.path} did not answer ${opts.ready.status} ` +
        `${opts.ready.successes} time(s) in a row (last: ${last}); log: ${target.logPath}`,
      'LG_READY_TIMEOUT',
      opts.tail(target.logPath),
    );
  }
}
