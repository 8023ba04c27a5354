/**
 * One A/B measurement: boot the base, then the head (both stay up, on their own ports), run the
 * planned interleaved blocks, then, while a look at the blocks leaves a gated metric undecided,
 * more blocks within gate.max-time (sequential A/B, see stats/sequential.ts); always stop both.
 * The base's failures (setup, boot, death, scenario) become BaseUnavailable so the caller can
 * fall back; the head's are the PR's own and are thrown as in stored mode.
 */
import os from 'node:os';
import type { Config, ServerConfig } from '../../config/types.js';
import type { RoundResult } from '../../load/types.js';
import type { RunningServer } from '../../supervisor/types.js';
import type { MeasureDeps } from '../measure.js';
import type { ServerRecord } from '../server-report.js';
import {
  InterruptedError,
  NoRoundsError,
  ServerError,
  isLoadgateError,
  errorMessage,
} from '../../errors.js';
import { startServer } from '../../supervisor/index.js';
import { lookAlpha } from '../../stats/index.js';
import { runBlocks, type BlockRounds } from './blocks.js';
import { maxBlocksWithin, type ABPlan } from './plan.js';
import { BaseUnavailable, type Side } from './types.js';

export interface SideMeasurement {
  rounds: RoundResult[];
  server: ServerRecord;
}

/** One look at the blocks: how many there were and the significance level it tested at. */
export interface Look {
  blocks: number;
  alpha: number;
}

export interface ABMeasurement extends Record<Side, SideMeasurement> {
  /** Every look, in order; the last one's level is the verdict's. */
  looks: Look[];
  /** The most blocks gate.max-time allowed (fixed before the first look). */
  maxBlocks: number;
}

/** How the looks are judged; passed in so this file stays about processes and time. */
export interface SequentialRule {
  /** The family-wise false-alarm level spread over the looks. */
  alpha: number;
  maxTimeMs: number;
  /** Decides nothing; true when no gated metric is left undecided at this level. */
  decided(rounds: BlockRounds, alpha: number): boolean;
  /** One line for the log about the look (its figures). */
  describe(rounds: BlockRounds, alpha: number): string;
}

/** Sampler period (src/supervisor/sampler.ts): a sample covers the second before it. */
const SAMPLE_MS = 1_000;

function interrupted(): InterruptedError {
  return new InterruptedError('interrupted: load stopped, servers stopped');
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
  rule: SequentialRule,
): Promise<ABMeasurement> {
  const headServerConfig = head.server;
  const baseServerConfig = base.server;
  if (!headServerConfig || !baseServerConfig) {
    throw new ServerError('compare: base needs a server to boot on both sides', {
      code: 'LG_AB_TARGET',
    });
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
  const bootedAt = Date.now();
  try {
    try {
      watch('base', await boot('base', baseServerConfig, deps));
    } catch (e) {
      if (deps.signal.aborted) throw interrupted();
      const details = isLoadgateError(e) ? e.details : [];
      throw new BaseUnavailable(`the base could not be started: ${errorMessage(e)}`, { details });
    }
    watch('head', await boot('head', headServerConfig, deps));
    const input = {
      config: head,
      plan,
      targets: {
        base: (servers.base as RunningServer).targets,
        head: (servers.head as RunningServer).targets,
      },
      env: deps.env,
      signal: loadAbort.signal,
      log: deps.log,
    };
    const rounds: BlockRounds = { base: [], head: [] };
    const blocksFrom = Date.now();
    await deps.log.group(`Load: ${plan.blocks} blocks, base and head in turns`, () =>
      runBlocks(input, rounds, plan.blocks, plan.blocks),
    );
    const maxBlocks = maxBlocksWithin({
      plan,
      elapsedMs: Date.now() - bootedAt,
      plannedBlocksMs: Date.now() - blocksFrom,
      maxTimeMs: rule.maxTimeMs,
    });
    const looks: Look[] = [];
    while (
      !loadAbort.signal.aborted &&
      rounds.head.length === plan.blocks + looks.length * plan.stageBlocks
    ) {
      const blocks = rounds.head.length;
      const alpha = lookAlpha(rule.alpha, looks.at(-1)?.blocks ?? 0, blocks, maxBlocks);
      looks.push({ blocks, alpha });
      const decided = rule.decided(rounds, alpha);
      deps.log.info(
        `look ${looks.length} after ${blocks} blocks (level ${alpha.toFixed(4)}): ${rule.describe(rounds, alpha)}`,
      );
      if (decided) break;
      if (blocks + plan.stageBlocks > maxBlocks) {
        deps.log.info(
          `undecided, and gate.max-time (${rule.maxTimeMs / 1000}s) leaves no room for more blocks`,
        );
        break;
      }
      const to = blocks + plan.stageBlocks;
      await deps.log.group(
        `Load: ${plan.stageBlocks} more blocks (${to} of at most ${maxBlocks}), a gated metric is undecided`,
        () => runBlocks(input, rounds, to, maxBlocks),
      );
    }
    if (died.head !== undefined) {
      throw new ServerError(`the server died during the load test: ${died.head}`, {
        code: 'LG_SERVER_DIED',
      });
    }
    if (deps.signal.aborted) throw interrupted();
    if (died.base !== undefined) {
      throw new BaseUnavailable(`the base's server died during the load test: ${died.base}`);
    }
    const last = looks.at(-1);
    if (!last || rounds.head.length < last.blocks || rounds.base.length < last.blocks) {
      throw new NoRoundsError('the A/B load finished too few rounds');
    }
    // Blocks run after the last look (none, unless a stage was cut short) are not judged.
    const base = rounds.base.slice(0, last.blocks);
    const headRounds = rounds.head.slice(0, last.blocks);
    return {
      base: { rounds: base, server: record(servers.base as RunningServer, base) },
      head: { rounds: headRounds, server: record(servers.head as RunningServer, headRounds) },
      looks,
      maxBlocks,
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
