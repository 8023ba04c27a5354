/**
 * The supervisor's one entry point: check the input, run setup, boot the server in the mode the
 * config asks for, wait until it answers, then sample it until stop() ends every process.
 */
import { randomUUID } from 'node:crypto';
import type { ServerConfig } from '../config/types.js';
import type { Logger } from '../log.js';
import { ServerError, isLoadgateError, errorMessage } from '../errors.js';
import type { RunningServer, ServerEvent } from './types.js';
import { GroupGuard } from './guard.js';
import { hasPdeathsig } from './launch.js';
import { freshRunLogDir, lastLines } from './logs.js';
import { serverEnv } from './env.js';
import { sweepRun } from './sweep.js';
import { redactLines, secretValues } from '../util/redact.js';
import type { ModeContext, ServerMode } from './mode.js';
import { bindShared, freePorts } from './ports.js';
import { preflight } from './preflight.js';
import { Sampler } from './sampler.js';
import { SelfServer } from './self-mode.js';
import { runSetup } from './setup.js';
import { SpawnPool } from './spawn-mode.js';
import { settleWorkers } from './settle.js';
import { portOpen, stopGroups } from './stop.js';
import { count } from '../util/format.js';

export { lastLines } from './logs.js';
export { defaultStateFile } from './statefile.js';
export { fillWorkers, hasWorkersPlaceholder, WORKERS_PLACEHOLDER } from './placeholder.js';
export { hasTaskset } from './launch.js';

/** Grace period when the boot is interrupted: well inside the 5 s loadgate allows itself. */
const ABORT_GRACE_MS = 3_000;

export interface SupervisorDeps {
  log: Logger;
  /** Base environment for children; server.env and PORT are laid over it. */
  env: Record<string, string | undefined>;
  /** Aborting during boot (SIGINT) stops everything and rejects. */
  signal?: AbortSignal;
  /** Where process groups are recorded for the action's post step (append-only). */
  stateFile?: string;
  cores: number;
  /**
   * Values removed from log tails (error details, crash events) besides those of variables whose
   * names look secret (`*TOKEN*`, `*SECRET*`, `*PASSWORD*`, `*KEY*`) in `env` and `server.env`.
   */
  secrets?: string[];
}

export async function startServer(
  givenConfig: ServerConfig,
  deps: SupervisorDeps,
): Promise<RunningServer> {
  const { log } = deps;
  const pre = await preflight(givenConfig, deps.env);
  // Every start writes into a folder of its own: tails come from this run only.
  const config: ServerConfig = { ...givenConfig, logDir: freshRunLogDir(givenConfig.logDir) };
  log.debug(`server logs: ${config.logDir}`);
  for (const port of pre.fixedPorts) {
    log.warn(`server.command names port ${port}; loadgate probes and loads $PORT, not ${port}`);
  }
  const workers = config.workers;
  if (workers.mode === 'spawn') {
    const how = config.socket === 'shared' ? 'sharing one socket' : 'one port each';
    log.info(
      `workers: ${count(workers.count, 'copy', 'copies')}, ${how} (${workers.reason}; ${deps.cores} cores)`,
    );
  } else {
    log.info('workers: self (the command runs its own workers)');
  }
  if (config.cpus && config.cpus.length > 0) {
    log.info(`server pinned to CPU ${config.cpus.join(',')} (taskset -c)`);
  }
  if (!hasPdeathsig()) log.debug('setpriv not found: children get no parent-death signal');

  // The server gets no credentials of the action's, and a mark that every process it starts
  // inherits (setsid does not shed it): stop() sweeps /proc for it.
  const runId = randomUUID();
  const env = serverEnv(deps.env, config.env, runId);
  const secrets = secretValues({ ...deps.env, ...config.env }, deps.secrets ?? []);
  const tail = (path: string) => redactLines(lastLines(path), secrets);
  const guard = new GroupGuard(log, serverEnv(deps.env, {}, null), deps.stateFile, runId);
  const events: ServerEvent[] = [];
  let declareDead: (reason: string) => void = () => {};
  const died = new Promise<string>((resolve) => (declareDead = resolve));
  let dead = false;
  const ctx: ModeContext = {
    config,
    env,
    guard,
    log,
    tail,
    event: (e) => events.push(e),
    die: (reason) => {
      if (dead) return;
      dead = true;
      log.error(`server died: ${reason}`);
      declareDead(reason);
    },
  };
  guard.start();

  let mode: ServerMode | null = null;
  let sampler: Sampler | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (graceMs?: number) => (stopping ??= shutdown(graceMs ?? config.graceMs));
  async function shutdown(graceMs: number): Promise<void> {
    try {
      const started = Date.now();
      sampler?.stop();
      mode?.beginStop();
      const result = await stopGroups(
        [...new Set([...(mode?.groups() ?? []), ...guard.pids])],
        graceMs,
      );
      // What left the process groups (setsid) still carries the run mark.
      const strays = await sweepRun(runId, Math.min(graceMs, ABORT_GRACE_MS));
      if (strays.length > 0) {
        log.warn(
          `stopped ${strays.length} process(es) that had left the server's process group ` +
            `(setsid or a daemonizing command): pid ${strays.join(', ')}`,
        );
      }
      for (const g of guard.pids) guard.remove(g);
      mode?.release();
      for (const g of result.survivors) log.error(`process group ${g} survived SIGKILL`);
      for (const port of mode?.ports ?? []) {
        if (await portOpen(port)) log.warn(`port ${port} still accepts connections after stop`);
      }
      if (mode)
        events.push({ kind: 'stop', at: started, ms: Date.now() - started, forced: result.forced });
      if (result.forced) log.warn(`server ignored SIGTERM for ${graceMs / 1000} s: SIGKILLed`);
    } catch (e) {
      log.error(`stopping the server: ${errorMessage(e)}`);
    } finally {
      await guard.close();
    }
  }

  try {
    await runSetup(config, env, guard, log, deps.signal, ctx.event, tail);
    if (workers.mode === 'spawn') {
      const listening =
        config.socket === 'shared'
          ? ({ kind: 'shared', socket: bindShared() } as const)
          : ({ kind: 'per-port', ports: await freePorts(workers.count) } as const);
      mode = new SpawnPool(ctx, workers.count, listening);
    } else {
      mode = new SelfServer(ctx, (await freePorts(1))[0] as number);
    }
    const booted = Date.now();
    log.debug(`booting: ${mode.targets.join(' ')}`);
    await mode.boot(deps.signal, booted + config.ready.timeoutMs);
    if (mode.mode === 'self') {
      const mainPid = mode.mainPids()[0];
      const expected = config.workers.mode === 'self' ? config.workers.count : null;
      if (mainPid !== undefined) {
        const settle = await settleWorkers({
          mainPid,
          expected,
          deadline: booted + config.ready.timeoutMs,
          signal: deps.signal,
        });
        log.debug(
          settle.settled
            ? `workers settled: ${settle.workers} idle after ${settle.ms} ms`
            : `workers still busy after ${settle.ms} ms (${settle.workers} found): starting anyway`,
        );
      }
    }
    sampler = new Sampler({
      groups: () => mode?.groups() ?? [],
      workerOf: (pid, procs) => mode?.workerOf(pid, procs) ?? null,
      onScan: (procs) => mode?.onScan?.(procs),
    });
    await sampler.start(); // also the first look at a self-supervising server's workers
    const ms = Date.now() - booted;
    events.push({ kind: 'ready', at: Date.now(), ms, workers: mode.workerCount() });
    log.info(
      `ready in ${(ms / 1000).toFixed(1)} s: ${mode.workerCount()} worker(s) at ${mode.targets.join(' ')}`,
    );
  } catch (e) {
    // Interrupted (SIGINT): the whole shutdown must fit in the runner's 7.5 s before SIGTERM.
    await stop(deps.signal?.aborted ? Math.min(config.graceMs, ABORT_GRACE_MS) : undefined);
    if (deps.signal?.aborted && !(isLoadgateError(e) && e.code !== 'LG_ABORTED')) {
      throw new ServerError('server boot interrupted', { code: 'LG_ABORTED' });
    }
    throw e;
  }

  const m = mode;
  const s = sampler;
  return {
    mode: m.mode,
    targets: m.targets,
    logDir: config.logDir,
    workerCount: () => m.workerCount(),
    workers: () => m.workers(),
    mainPids: () => m.mainPids(),
    events: () => events,
    samples: (sinceMs) => s.since(sinceMs),
    died,
    stop,
  };
}
