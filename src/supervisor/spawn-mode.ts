/**
 * `workers: N`: loadgate runs N copies of a single-process command, each its own process group,
 * on its own port (default) or all on one shared socket handed over as fd 3. A copy that dies
 * is a crash: recorded, restarted with backoff, and a crash loop ends the server.
 */
import type { ServerEvent, WorkerInfo } from './types.js';
import { describeExit, launch, signalGroup, type Exit, type Launched } from './launch.js';
import { logPath } from './logs.js';
import { awaitBoot, type ModeContext, type ServerMode } from './mode.js';
import { waitReady } from './readiness.js';
import { RestartPolicy } from './restart-policy.js';
import type { SharedSocket } from './ports.js';
import type { ProcStat } from './proc.js';

type Crash = Extract<ServerEvent, { kind: 'crash' }>;

interface Slot {
  index: number;
  /** The port this worker listens on (the shared port in shared mode). */
  port: number;
  logPath: string;
  proc: Launched | null;
  policy: RestartPolicy;
}

export type Listening =
  { kind: 'per-port'; ports: number[] } | { kind: 'shared'; socket: SharedSocket };

export class SpawnPool implements ServerMode {
  readonly mode = 'spawn' as const;
  readonly targets: string[];
  readonly ports: number[];
  private readonly slots: Slot[];
  private running = false;
  private stopping = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly probes = new AbortController();
  private readonly exitedInBoot: (() => void)[] = [];

  constructor(
    private readonly ctx: ModeContext,
    count: number,
    private readonly listening: Listening,
  ) {
    const portOf = (i: number) =>
      listening.kind === 'shared' ? listening.socket.port : (listening.ports[i] as number);
    this.slots = Array.from({ length: count }, (_, index) => ({
      index,
      port: portOf(index),
      logPath: logPath(ctx.config.logDir, `worker-${index}`),
      proc: null,
      policy: new RestartPolicy(),
    }));
    this.ports = [...new Set(this.slots.map((s) => s.port))];
    this.targets = this.ports.map((p) => `http://127.0.0.1:${p}`);
  }

  async boot(abort: AbortSignal | undefined, deadline: number): Promise<void> {
    for (const slot of this.slots) this.start(slot, 'boot');
    // Shared mode: one URL for all; a probe proves that some worker answers, not which one.
    await awaitBoot({
      command: this.ctx.config.command,
      urls: this.targets.map((url, i) => ({ url, logPath: this.slots[i]?.logPath ?? '' })),
      ready: this.ctx.config.ready,
      deadline,
      procs: this.slots.flatMap((s) =>
        s.proc ? [{ proc: s.proc, label: `worker ${s.index}` }] : [],
      ),
      abort,
      tail: this.ctx.tail,
    });
    this.running = true;
    for (const handle of this.exitedInBoot.splice(0)) handle();
  }

  private start(slot: Slot, why: string): Launched {
    const { config, env, guard } = this.ctx;
    const shared = this.listening.kind === 'shared' ? this.listening.socket.fd : undefined;
    const proc = launch({
      command: config.command,
      cwd: config.cwd,
      env: { ...env, PORT: String(slot.port), LOADGATE_WORKER: String(slot.index) },
      logPath: slot.logPath,
      cpus: config.cpus ?? null,
      marker: `worker ${slot.index} ${why}: ${config.command} (PORT=${slot.port})`,
      ...(shared !== undefined ? { socketFd: shared } : {}),
    });
    slot.proc = proc;
    guard.add(proc.pgid);
    void proc.exited.then((exit) => this.onExit(slot, proc, exit));
    return proc;
  }

  private onExit(slot: Slot, proc: Launched, exit: Exit): void {
    if (this.stopping) return;
    // An exit during boot is awaitBoot's to report; one that races its success is handled after.
    if (!this.running) {
      this.exitedInBoot.push(() => this.onExit(slot, proc, exit));
      return;
    }
    // What the worker forked dies with it; then its group is no longer ours to watch.
    signalGroup(proc.pgid, 'SIGKILL');
    this.ctx.guard.remove(proc.pgid);
    const at = Date.now();
    const crash: Crash = {
      kind: 'crash',
      at,
      worker: slot.index,
      pid: proc.pid,
      exitCode: exit.code,
      signal: exit.signal,
      recoveryMs: null,
      lastLines: this.ctx.tail(slot.logPath),
    };
    this.ctx.event(crash);
    const decision = slot.policy.onDeath(proc.startedAt, at);
    if (!decision.restart) {
      this.ctx.log.error(
        `worker ${slot.index} (pid ${proc.pid}) ${describeExit(exit)}: ${decision.reason}`,
      );
      this.ctx.die(`worker ${slot.index}: ${decision.reason}; log: ${slot.logPath}`);
      return;
    }
    this.ctx.log.warn(
      `worker ${slot.index} (pid ${proc.pid}) ${describeExit(exit)}; restarting in ${decision.delayMs} ms`,
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.restart(slot, crash);
    }, decision.delayMs);
    this.timers.add(timer);
  }

  /** Starts the slot again and measures how long until it answers (the crash's recovery time). */
  private async restart(slot: Slot, crash: Crash): Promise<void> {
    if (this.stopping) return;
    const proc = this.start(slot, 'restart');
    this.ctx.event({ kind: 'restart', at: Date.now(), worker: slot.index, pid: proc.pid });
    const gone = new AbortController();
    const onStop = () => gone.abort();
    this.probes.signal.addEventListener('abort', onStop, { once: true });
    void proc.exited.then(() => gone.abort());
    const { ready } = this.ctx.config;
    const url = `http://127.0.0.1:${slot.port}${ready.path}`;
    const r = await waitReady(url, ready, Date.now() + ready.timeoutMs, gone.signal);
    this.probes.signal.removeEventListener('abort', onStop);
    if (r.kind === 'ready') {
      crash.recoveryMs = r.at - crash.at;
      this.ctx.log.info(`worker ${slot.index} answers again after ${crash.recoveryMs} ms`);
    } else if (r.kind === 'timeout' && !this.stopping) {
      this.ctx.die(
        `worker ${slot.index} restarted but not ready after ${ready.timeoutMs / 1000} s ` +
          `(GET ${url}, last: ${r.last}); log: ${slot.logPath}`,
      );
    }
  }

  workers(): WorkerInfo[] {
    return this.slots.flatMap((s) =>
      s.proc && s.proc.pid > 0 && !s.proc.exit()
        ? [
            {
              index: s.index,
              pid: s.proc.pid,
              url: `http://127.0.0.1:${s.port}`,
              logFile: s.logPath,
            },
          ]
        : [],
    );
  }

  workerCount(): number {
    return this.slots.length;
  }

  mainPids(): number[] {
    return this.workers().map((w) => w.pid);
  }

  groups(): number[] {
    return this.ctx.guard.pids;
  }

  workerOf(pid: number, procs: ProcStat[]): number | null {
    // Every process of a worker's group works for it (the shell execs, so usually just one).
    const pgid = procs.find((p) => p.pid === pid)?.pgid;
    return this.slots.find((s) => s.proc !== null && s.proc.pgid === pgid)?.index ?? null;
  }

  beginStop(): void {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.probes.abort();
  }

  release(): void {
    if (this.listening.kind === 'shared') this.listening.socket.close();
  }
}
