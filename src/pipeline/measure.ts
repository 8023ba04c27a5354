/**
 * One measurement: boot the server (or use the target), run warm-up and rounds while watching
 * for the server's death, and always stop what was started. Used by run() and by A/B blocks.
 */
import os from 'node:os';
import type { Config } from '../config/types.js';
import type { Logger } from '../log.js';
import type { RoundResult } from '../load/types.js';
import type { RunningServer } from '../supervisor/types.js';
import { InterruptedError, NoRoundsError, ServerError } from '../errors.js';
import { startServer } from '../supervisor/index.js';
import { runLoad, type ShardPlan } from '../load/index.js';
import { readTargetCa, waitForTarget } from './target.js';
import type { ServerRecord } from './server-report.js';
import { progressLogger } from './progress.js';

export interface Measurement {
  rounds: RoundResult[];
  server: ServerRecord | null;
}

export interface MeasureDeps {
  log: Logger;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  stateFile?: string;
  /** This run is one shard of several load generators (`--shard I/N`). */
  shard?: ShardPlan | null;
}

/** Boot (or use the target), run the load while watching the server, and always stop it. */
export async function measure(config: Config, deps: MeasureDeps): Promise<Measurement> {
  const { log } = deps;
  const loadAbort = new AbortController();
  const forward = () => loadAbort.abort();
  deps.signal.addEventListener('abort', forward, { once: true });
  let server: RunningServer | null = null;
  let diedReason: string | null = null;
  try {
    let targets = [config.target ?? ''];
    const ca = await readTargetCa(config);
    await waitForTarget(config, ca, deps);
    const serverConfig = config.server;
    if (serverConfig) {
      const running = await log.group(`Boot: ${serverConfig.command}`, () =>
        startServer(serverConfig, {
          log,
          env: deps.env,
          signal: deps.signal,
          stateFile: deps.stateFile,
          cores: os.availableParallelism(),
        }),
      );
      server = running;
      targets = running.targets;
      void running.died.then((reason) => {
        diedReason = reason;
        loadAbort.abort();
      });
    }
    const loadStartedAt = Date.now();
    const rounds = await log.group(`Load: ${targets.join(', ')}`, () =>
      runLoad({
        config,
        targets,
        env: deps.env,
        signal: loadAbort.signal,
        progress: progressLogger(config, log),
        ca,
        shard: deps.shard ?? null,
      }),
    );
    if (diedReason !== null) {
      throw new ServerError(`the server died during the load test: ${diedReason}`, {
        code: 'LG_SERVER_DIED',
      });
    }
    if (deps.signal.aborted) {
      throw new InterruptedError('interrupted: load stopped, server stopped');
    }
    if (rounds.length === 0) {
      throw new NoRoundsError('the load test finished no round');
    }
    const measuredFrom = rounds[0]?.startedAt ?? loadStartedAt;
    const record: ServerRecord | null = server
      ? {
          mode: server.mode,
          workerCount: server.workerCount(),
          mainPids: server.mainPids(),
          events: server.events(),
          samples: server.samples(measuredFrom),
        }
      : null;
    return { rounds, server: record };
  } finally {
    deps.signal.removeEventListener('abort', forward);
    const running = server;
    // Interrupted: a short grace, so the whole shutdown fits in the 5 s the CLI promises.
    if (running)
      await log.group('Stop server', () => running.stop(deps.signal.aborted ? 3000 : undefined));
  }
}
