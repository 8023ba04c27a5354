/**
 * The interleaved rounds of one boot pair: base and head are both running; after warming both
 * up at once, one round at a time gets the load, in the order abbaTurn gives. Each turn is one
 * runLoad call of one round, so each side gets fresh connections and the same short re-warm-up.
 * Bounded: 2 rounds per block of the range, each bounded by the engine; an aborted signal stops
 * at once, keeping the rounds finished.
 */
import type { Config, LoadConfig } from '../../config/types.js';
import type { Logger } from '../../log.js';
import type { RoundResult } from '../../load/types.js';
import { runLoad } from '../../load/index.js';
import { meanRate, roundProfile } from '../../load/schedule.js';
import { roundMetrics } from '../../stats/index.js';
import { abbaTurn, type ABPlan } from './plan.js';
import { BaseUnavailable, type Side } from './types.js';
import { errorMessage } from '../../errors.js';
import { formatCount } from '../../util/format.js';

export interface BlocksInput {
  /** The head's config: its scenario is what both sides receive. */
  config: Config;
  plan: ABPlan;
  targets: Record<Side, string[]>;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  log: Logger;
}

/** Per side, one round per finished block, `index` = the block. */
export type BlockRounds = Record<Side, RoundResult[]>;

/** One runLoad against one side; the scenario failing against the base is the base's problem. */
async function loadSide(input: BlocksInput, side: Side, load: LoadConfig): Promise<RoundResult[]> {
  const { signal, log } = input;
  try {
    return await runLoad({
      config: { ...input.config, load },
      targets: input.targets[side],
      env: input.env,
      signal,
      progress: { onWarning: (m) => log.warn(m) },
    });
  } catch (e) {
    // E.g. a login route the base lacks: not this PR's fault, so the pipeline can fall back.
    if (side === 'base' && !signal.aborted) {
      throw new BaseUnavailable(`the load failed against the base: ${errorMessage(e)}`);
    }
    throw e;
  }
}

/**
 * Warms both freshly booted sides at once: neither is measured, so sharing the runner costs
 * nothing, and a boot pair spends one warm-up instead of one per side in turn. When one side's
 * warm-up fails the other's is stopped at once, and the head's failure wins (it is the PR's).
 */
export async function warmUpBoth(input: BlocksInput): Promise<void> {
  const { config, plan } = input;
  if (plan.warmupMs <= 0) return;
  input.log.info(`warm-up of both sides for ${plan.warmupMs / 1000}s`);
  // A staged profile is not replayed to warm up: its mean rate, steady, as the engine's own warm-up.
  const staged = config.load.stages.length > 0;
  const load = {
    ...config.load,
    ...(staged ? { stages: [], rate: meanRate(roundProfile(config.load)) } : {}),
    rounds: 1,
    durationMs: plan.warmupMs,
    warmupMs: 0,
  };
  const stop = new AbortController();
  const forward = () => stop.abort();
  input.signal.addEventListener('abort', forward, { once: true });
  const both = { ...input, signal: stop.signal };
  try {
    const warm = (side: Side) =>
      loadSide(both, side, load).catch((e: unknown) => {
        stop.abort();
        throw e;
      });
    const [base, head] = await Promise.allSettled([warm('base'), warm('head')]);
    if (head.status === 'rejected') throw head.reason;
    if (base.status === 'rejected') throw base.reason;
  } finally {
    input.signal.removeEventListener('abort', forward);
  }
}

/**
 * Runs blocks `done.head.length` .. `toBlock - 1` and appends their rounds to `done` (so the
 * next boot pair continues where the last one stopped). `total` is only for the progress lines.
 */
export async function runBlocks(
  input: BlocksInput,
  done: BlockRounds,
  toBlock: number,
  total: number,
): Promise<void> {
  const { config, plan, log, signal } = input;
  const load = { ...config.load, rounds: 1, durationMs: plan.roundMs, warmupMs: plan.rewarmMs };
  for (let block = done.head.length; block < toBlock; block++) {
    for (const side of abbaTurn(plan, block)) {
      if (signal.aborted) return;
      const round = (await loadSide(input, side, load))[0];
      if (!round) return; // aborted during the round
      done[side].push({ ...round, index: block });
      const m = roundMetrics(round);
      log.info(
        `block ${block + 1}/${total} ${side}: ${formatCount(m.rps)} req/s, ` +
          `p95 ${m.p95.toFixed(2)} ms, errors ${round.errors}`,
      );
    }
  }
}
