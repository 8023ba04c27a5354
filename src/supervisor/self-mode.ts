/**
 * `workers: self`: the command runs its own workers (gunicorn -w, uvicorn --workers, Node
 * cluster, pm2-runtime). We run it unchanged in its own group, find its workers in the process
 * tree for sampling, and treat the death of its main process as the end of the server.
 */
import type { WorkerInfo } from './types.js';
import { describeExit, launch, signalGroup, type Launched } from './launch.js';
import { logPath } from './logs.js';
import { awaitBoot, type ModeContext, type ServerMode } from './mode.js';
import { helperCheck, type ProcStat } from './proc.js';
import { discoverWorkers, isHelperCommand } from './tree.js';
import { fillWorkers } from './placeholder.js';

export class SelfServer implements ServerMode {
  readonly mode = 'self' as const;
  readonly targets: string[];
  readonly ports: number[];
  private proc: Launched | null = null;
  private readonly logPath: string;
  private stopping = false;
  /** Stable indices for worker pids in order of discovery; a replaced worker gets a new one. */
  private readonly index = new Map<number, number>();
  private current: number[] = [];
  private discovered = false;
  private readonly isHelper = helperCheck(isHelperCommand);

  constructor(
    private readonly ctx: ModeContext,
    port: number,
  ) {
    this.ports = [port];
    this.targets = [`http://127.0.0.1:${port}`];
    this.logPath = logPath(ctx.config.logDir, 'server');
  }

  async boot(abort: AbortSignal | undefined, deadline: number): Promise<void> {
    const { config, env, guard } = this.ctx;
    const port = this.ports[0] as number;
    const command = fillWorkers(config.command, config.workers);
    const proc = launch({
      command,
      cwd: config.cwd,
      env: { ...env, PORT: String(port) },
      logPath: this.logPath,
      cpus: config.cpus ?? null,
      marker: `server: ${command} (PORT=${port})`,
    });
    this.proc = proc;
    guard.add(proc.pgid);
    await awaitBoot({
      command,
      urls: [{ url: this.targets[0] as string, logPath: this.logPath }],
      ready: config.ready,
      deadline,
      procs: [{ proc, label: 'server' }],
      abort,
      tail: this.ctx.tail,
    });
    void proc.exited.then((exit) => {
      if (this.stopping) return;
      // Its workers may still serve (gunicorn's do when only the master dies): end them too.
      signalGroup(proc.pgid, 'SIGKILL');
      const at = Date.now();
      this.ctx.event({
        kind: 'crash',
        at,
        worker: -1,
        pid: proc.pid,
        exitCode: exit.code,
        signal: exit.signal,
        recoveryMs: null,
        lastLines: this.ctx.tail(this.logPath),
      });
      this.ctx.die(
        `server main process (pid ${proc.pid}) ${describeExit(exit)}; log: ${this.logPath}`,
      );
    });
  }

  onScan(procs: ProcStat[]): void {
    if (!this.proc || this.proc.exit()) return;
    const workers = discoverWorkers(procs, this.proc.pid, this.isHelper).map((p) => p.pid);
    for (const pid of workers) {
      if (this.index.has(pid)) continue;
      this.index.set(pid, this.index.size);
      // After the first look, a new worker replaces one (recycling or a crash the master handled).
      if (this.discovered && !this.stopping) {
        this.ctx.event({ kind: 'restart', at: Date.now(), worker: this.index.size - 1, pid });
      }
    }
    this.current = workers;
    this.discovered = true;
  }

  workerOf(pid: number): number | null {
    return this.current.includes(pid) ? (this.index.get(pid) ?? null) : null;
  }

  workers(): WorkerInfo[] {
    return this.current.map((pid) => ({
      index: this.index.get(pid) ?? -1,
      pid,
      url: null,
      logFile: this.logPath,
    }));
  }

  workerCount(): number {
    return Math.max(1, this.current.length);
  }

  mainPids(): number[] {
    return this.proc && this.proc.pid > 0 ? [this.proc.pid] : [];
  }

  groups(): number[] {
    return this.proc && this.proc.pgid > 0 ? [this.proc.pgid] : [];
  }

  beginStop(): void {
    this.stopping = true;
  }

  release(): void {}
}
