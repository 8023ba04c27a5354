/**
 * One A/B measurement, in boot pairs: boot base and head (both up, on their own ports), warm
 * both, run that pair's interleaved blocks, stop both; the planned blocks take two boot pairs
 * (plan.ts says why), and while a look at the blocks leaves a gated metric undecided, two short
 * boot pairs more at a time within gate.max-time (sequential A/B, see stats/sequential.ts). Servers
 * are always stopped. The base's failures (setup, boot, death, scenario) become BaseUnavailable
 * so the caller can fall back; the head's are the PR's own and are thrown as in stored mode.
 */
import os from 'node:os';
import type { Config, ServerConfig } from '../../config/types.js';
import type { RoundResult } from '../../load/types.js';
import type { RunningServer, Sample } from '../../supervisor/types.js';
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
import { runBlocks, warmUpBoth, type BlockRounds } from './blocks.js';
import {
  maxBlocksWithin,
  plannedBootPairs,
  stageMs,
  STAGE_PAIR_BLOCKS,
  STAGE_PAIRS,
  STAGE_BLOCKS,
  type ABPlan,
} from './plan.js';
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
  /** Per boot pair, in order, each side's samples from its own turns (the balance check). */
  bootPairs: Record<Side, Sample[]>[];
  /** What one sequential stage takes at the planned pairs' pace (for the advice's time estimates). */
  stageSeconds: number;
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

/** How long a failed load waits for the supervisor to report a server's exit behind it. */
const DEATH_REPORT_MS = 1_000;
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
 * One side's servers over all boot pairs as one record: the processes and samples of its last
 * boot (a process table of every boot would list each worker once per pair), the events
 * (crashes, restarts) of all of them.
 */
function mergeRecords(records: readonly ServerRecord[]): ServerRecord {
  const last = records.at(-1);
  if (!last) throw new RangeError('mergeRecords: no boot pair was measured');
  return { ...last, events: records.flatMap((r) => r.events) };
}

interface PairInput {
  configs: Record<Side, ServerConfig>;
  /** The head's config: its scenario drives both sides. */
  head: Config;
  plan: ABPlan;
  deps: MeasureDeps;
  /** Every block so far; the pair appends its own. */
  rounds: BlockRounds;
}

/**
 * One boot pair: boot both sides (the base first in even pairs, the head first in odd ones;
 * server.setup only in the first pair), warm both, run blocks up to `toBlock`, and always stop
 * both. A death under load is thrown
 * here, so the caller only ever sees whole boot pairs.
 */
async function bootPair(
  input: PairInput,
  pair: number,
  toBlock: number,
  total: number,
): Promise<Record<Side, ServerRecord>> {
  const { deps, rounds } = input;
  const servers: Partial<Record<Side, RunningServer>> = {};
  const died: Partial<Record<Side, string>> = {};
  const loadAbort = new AbortController();
  const forward = () => loadAbort.abort();
  deps.signal.addEventListener('abort', forward, { once: true });
  // server.setup (migrations, installs) prepares the checkout once, not every boot.
  const config = (side: Side) =>
    pair === 0 ? input.configs[side] : { ...input.configs[side], setup: [] };
  const start = async (side: Side) => {
    const server = await boot(side, config(side), deps).catch((e: unknown) => {
      if (deps.signal.aborted) throw interrupted();
      if (side === 'head') throw e;
      const details = isLoadgateError(e) ? e.details : [];
      throw new BaseUnavailable(`the base could not be started: ${errorMessage(e)}`, { details });
    });
    servers[side] = server;
    void server.died.then((reason) => {
      died[side] = reason;
      loadAbort.abort();
    });
  };
  const from = rounds.head.length;
  try {
    for (const side of pair % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const))
      await start(side);
    const running = servers as Record<Side, RunningServer>;
    const blocks = {
      config: input.head,
      plan: input.plan,
      targets: { base: running.base.targets, head: running.head.targets },
      env: deps.env,
      signal: loadAbort.signal,
      log: deps.log,
    };
    const of = pair < plannedBootPairs(input.plan) ? `${total}` : `at most ${total}`;
    const title = `Load: boot pair ${pair + 1}, blocks ${from + 1}-${toBlock} of ${of}`;
    // A death explains whatever the load then threw (refused connections, every request failed).
    const loadError = await deps.log.group(title, async () => {
      try {
        await warmUpBoth(blocks);
        await runBlocks(blocks, rounds, toBlock, total);
        return null;
      } catch (e) {
        return { error: e };
      }
    });
    if (loadError && died.head === undefined && died.base === undefined) {
      // The load can fail a moment before the supervisor reports the exit that caused it.
      await Promise.race([
        ...Object.values(servers).map((s) => s.died),
        new Promise((resolve) => setTimeout(resolve, DEATH_REPORT_MS).unref()),
      ]);
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
    if (loadError) throw loadError.error;
    return {
      base: record(running.base, rounds.base.slice(from)),
      head: record(running.head, rounds.head.slice(from)),
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
  if (!head.server || !base.server) {
    throw new ServerError('compare: base needs a server to boot on both sides', {
      code: 'LG_AB_TARGET',
    });
  }
  const input: PairInput = {
    configs: { base: base.server, head: head.server },
    head,
    plan,
    deps,
    rounds: { base: [], head: [] },
  };
  const { rounds } = input;
  const pairs: Record<Side, ServerRecord>[] = [];
  const startedAt = Date.now();
  const planned = plannedBootPairs(plan);
  for (let pair = 0; pair < planned; pair++) {
    pairs.push(await bootPair(input, pair, (pair + 1) * plan.bootBlocks, plan.blocks));
  }
  const plannedMs = Date.now() - startedAt;
  const maxBlocks = maxBlocksWithin({ plan, elapsedMs: plannedMs, maxTimeMs: rule.maxTimeMs });
  const looks: Look[] = [];
  for (;;) {
    const blocks = rounds.head.length;
    const alpha = lookAlpha(rule.alpha, looks.at(-1)?.blocks ?? 0, blocks, maxBlocks);
    looks.push({ blocks, alpha });
    const decided = rule.decided(rounds, alpha);
    deps.log.info(
      `look ${looks.length} after ${blocks} blocks in ${pairs.length} boot pairs (level ${alpha.toFixed(4)}): ${rule.describe(rounds, alpha)}`,
    );
    if (decided) break;
    if (blocks + STAGE_BLOCKS > maxBlocks) {
      deps.log.info(
        `undecided, and gate.max-time (${rule.maxTimeMs / 1000}s) leaves no room for more boot pairs`,
      );
      break;
    }
    deps.log.info(
      `a gated metric is undecided: ${STAGE_PAIRS} more boot pairs of ${STAGE_PAIR_BLOCKS} blocks`,
    );
    for (let k = 1; k <= STAGE_PAIRS; k++) {
      pairs.push(await bootPair(input, pairs.length, blocks + k * STAGE_PAIR_BLOCKS, maxBlocks));
    }
  }
  if (rounds.head.length === 0 || rounds.base.length !== rounds.head.length) {
    throw new NoRoundsError('the A/B load finished too few rounds');
  }
  const side = (s: Side): SideMeasurement => ({
    rounds: rounds[s],
    server: mergeRecords(pairs.map((p) => p[s])),
  });
  return {
    base: side('base'),
    head: side('head'),
    looks,
    maxBlocks,
    stageSeconds: stageMs(plan, plannedMs) / 1000,
    bootPairs: pairs.map((p) => ({ base: p.base.samples, head: p.head.samples })),
  };
}
