/**
 * One A/B measurement: boot the base, then the head (both stay up, on their own ports), run the
 * interleaved blocks, and always stop both. The base's failures (setup, boot, death, scenario)
 * become BaseUnavailable so the caller can fall back; the head's are the PR's own and are
 * thrown as in stored mode.
 */
import os from 'node:os';
import type { Config, ServerConfig } from '../config/types.js';
import type { RoundResult } from '../load/types.js';
import type { RunningServer } from '../supervisor/types.js';
import type { MeasureDeps } from '../pipeline/measure.js';
import type { ServerRecord } from '../pipeline/server-report.js';
import { ExitCode, LoadgateError, ServerError, isLoadgateError } from '../errors.js';
import { startServer } from '../supervisor/index.js';
import { runBlocks } from './blocks.js';
import type { ABPlan } from './plan.js';
import { BaseUnavailable, type Side } from './types.js';

export interface SideMeasurement {
  rounds: RoundResult[];
  server: ServerRecord;
}

export type ABMeasurement = Record<Side, SideMeasurement>;

/** Sampler period (src/supervisor/sampler.ts): a sample covers the second before it. */
const SAMPLE_MS = 1_000;

function interrupted(): LoadgateError {
  return new LoadgateError(
    'LG_INTERRUPTED',
    'interrupted: load stopped, servers stopped',
    ExitCode.interrupted,
  );
}

/** What a side's server did, with samples only from its own turns (it idles in the other's). */
function record(server: RunningServer, rounds: RoundResult[]): ServerRecord {
  const windows = rounds.map((r) => [r.startedAt, r.startedAt + r.seconds * 1000] as const);
  const own = server
    .samples(rounds[0]?.startedAt ?? 0)
    .filter((s) =>
      windows.some(([from, to]) => s.at > from + SAMPLE_MS / 2 && s.at <= to + SAMPLE_MS / 2),
    );
  return {
    mode: server.mode,
    workerCount: server.workerCount(),
    mainPids: server.mainPids(),
    events: server.events(),
    samples: own,
  };
}

async function boot(side: Side, config: ServerConfig, deps: MeasureDeps): Promise<RunningServer> {
  return deps.log.group(`Boot ${side}: ${config.command}`, () =>
    startServer(config, {
      log: deps.log,
      env: deps.env,
      signal: deps.signal,
      stateFile: deps.stateFile,
      cores: os.availableParallelism(),
    }),
  );
}

/**
 * @param head this PR's config (its scenario drives both sides)
 * @param base the same scenario with the base commit's server section
 */
export async function measureAB(
  head: Config,
  base: Config,
  plan: ABPlan,
  deps: MeasureDeps,
): Promise<ABMeasurement> {
  const headServerConfig = head.server;
  const baseServerConfig = base.server;
  if (!headServerConfig || !baseServerConfig) {
    throw new ServerError('compare: base needs a server to boot on both sides', 'LG_AB_TARGET');
  }
  const servers: Partial<Record<Side, RunningServer>> = {};
  const died: Partial<Record<Side, string>> = {};
  const loadAbort = new AbortController();
  const forward = () => loadAbort.abort();
  deps.signal.addEventListener('abort', forward, { once: true });
  const watch = (side: Side, server: RunningServer) => {
    servers[side] = server;
    void server.died.then((reason) => {
      died[side] = reason;
      loadAbort.abort();
    });
  };
  try {
    try {
      watch('base', await boot('base', baseServerConfig, deps));
    } catch (e) {
      if (deps.signal.aborted) throw interrupted();
      const details = isLoadgateError(e) ? e.details : [];
      throw new BaseUnavailable(`the base could not be started: ${(e as Error).message}`, details);
    }
    watch('head', await boot('head', headServerConfig, deps));
    const rounds = await deps.log.group(`Load: ${plan.blocks} blocks, base and head in turns`, () =>
      runBlocks({
        config: head,
        plan,
        targets: {
          base: (servers.base as RunningServer).targets,
          head: (servers.head as RunningServer).targets,
        },
        env: deps.env,
        signal: loadAbort.signal,
        log: deps.log,
      }),
    );
    if (died.head !== undefined) {
      throw new ServerError(`the server died during the load test: ${died.head}`, 'LG_SERVER_DIED');
    }
    if (deps.signal.aborted) throw interrupted();
    if (died.base !== undefined) {
      throw new BaseUnavailable(`the base's server died during the load test: ${died.base}`);
    }
    if (rounds.head.length < plan.blocks || rounds.base.length < plan.blocks) {
      throw new LoadgateError(
        'LG_NO_ROUNDS',
        'the A/B load finished too few rounds',
        ExitCode.internal,
      );
    }
    return {
      base: { rounds: rounds.base, server: record(servers.base as RunningServer, rounds.base) },
      head: { rounds: rounds.head, server: record(servers.head as RunningServer, rounds.head) },
    };
  } finally {
    deps.signal.removeEventListener('abort', forward);
    const grace = deps.signal.aborted ? 3000 : undefined;
    const running = Object.values(servers);
    if (running.length > 0)
      await deps.log.group('Stop servers', () =>
        Promise.all(running.map((s) => s.stop(grace))).then(() => undefined),
      );
  }
}
