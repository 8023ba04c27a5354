/**
 * The interleaved rounds: base and head are both running; one round at a time gets the load,
 * in the order abbaTurn gives. Each turn is one runLoad call of one round, so each side gets
 * fresh connections and the same short re-warm-up. Bounded: 2 rounds per block of the range,
 * each bounded by the engine; an aborted signal stops at once, keeping the rounds finished.
 */
import type { Config } from '../../config/types.js';
import type { Logger } from '../../log.js';
import type { RoundResult } from '../../load/types.js';
import { runLoad } from '../../load/index.js';
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

/**
 * Runs blocks `done.head.length` .. `toBlock - 1` and appends their rounds to `done` (so a
 * later stage continues where the last one stopped). `total` is only for the progress lines.
 */
export async function runBlocks(
  input: BlocksInput,
  done: BlockRounds,
  toBlock: number,
  total: number,
): Promise<void> {
  const { config, plan, log, signal } = input;
  for (let block = done.head.length; block < toBlock; block++) {
    for (const side of abbaTurn(block)) {
      if (signal.aborted) return;
      const first = done[side].length === 0;
      const load = {
        ...config.load,
        rounds: 1,
        durationMs: plan.roundMs,
        warmupMs: first ? plan.warmupMs : plan.rewarmMs,
      };
      const rounds = await runLoad({
        config: { ...config, load },
        targets: input.targets[side],
        env: input.env,
        signal,
        progress: {
          onWarning: (m) => log.warn(m),
          onPhase: (phase) => {
            if (phase === 'warmup' && first)
              log.info(`${side}: warm-up for ${load.warmupMs / 1000}s`);
          },
        },
      }).catch((e: unknown) => {
        // The scenario failing against the base (e.g. a login route it lacks) is not this PR's fault.
        if (side === 'base' && !signal.aborted) {
          throw new BaseUnavailable(`the load failed against the base: ${errorMessage(e)}`);
        }
        throw e;
      });
      const round = rounds[0];
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
