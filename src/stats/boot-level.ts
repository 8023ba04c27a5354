/**
 * Paired A/B blocks from several boot pairs, with the boot pair as a level of the analysis.
 * Pure.
 *
 * Model: the difference of block i in boot pair s is d = mu + b_s + e_i. The block noise e_i
 * (a neighbour's burst, scheduling) varies from block to block; the boot offset b_s is shared
 * by every block of the pair (two boots of the same code can differ for as long as they run:
 * which worker the kernel hands connections to, memory layout, hash seeds). Counting blocks as
 * independent would ignore b_s and call a lucky boot a code change. The estimate is the mean of
 * the boot pairs' means. Its variance is estimated two ways:
 *
 * - from the blocks: the pooled within-pair variance over the blocks, plus an assumed
 *   boot-to-boot spread (ASSUMED_BOOT_SPREAD) per pair. Valid while boots differ by no more
 *   than assumed; it has the blocks' degrees of freedom (blocks - pairs).
 * - from the boot pairs: the variance of the pairs' means over their number, with pairs - 1
 *   degrees of freedom: the textbook test when the boot is a random effect (Kalibera and Jones,
 *   "Rigorous benchmarking in reasonable time", ISMM 2013), valid whatever the boots do but
 *   with few degrees of freedom (one, with the two planned pairs).
 *
 * The interval uses the larger of the two variances. Its degrees of freedom are the pairs'
 * only when the pairs disagree significantly more than the blocks and the assumed spread
 * explain (a preliminary F test, Bancroft 1944, at POOLING_LEVEL); otherwise the blocks'.
 * Always taking the pairs' single degree of freedom when their variance happens to be the
 * larger (half the time when boots do not differ at all) would leave even a -90% change
 * undecided at the first look. Seeded simulations of the
 * regimes are in test/unit/stats/boot-level.test.ts.
 */
import { mean, variance } from './describe.js';
import { tIntervalFrom, type TInterval } from './intervals.js';
import { fUpperP } from './tdist.js';

/**
 * Boot-to-boot spread assumed for the mean paired difference of one boot pair (log scale):
 * 1%. Measured with `npm run bench:boots` (docs/benchmarks.md, "Boot pairs"): on the bundled
 * fixture and on Django + gunicorn + uvicorn with one worker, the boot pairs' means spread no
 * more than their blocks' noise explains plus about 1%.
 */
export const ASSUMED_BOOT_SPREAD = 0.01;

/**
 * The preliminary F test's level: below it the pairs' own degrees of freedom are used. 0.25 (the
 * level Bozivich, Bancroft and Hartley, 1956, recommend for pooling) sent 3 of 6 A/A gates to a
 * third and fourth boot pair on a quiet machine (docs/benchmarks.md); 0.1 sends about 1 in 5,
 * and costs a little robustness only where boots differ far more than assumed.
 */
export const POOLING_LEVEL = 0.1;

export interface BootLevelTest {
  interval: TInterval;
  /** Boot pairs with at least one block. */
  pairs: number;
  /** The pairs disagreed significantly more than their blocks explain: their spread set the interval. */
  bootsDominate: boolean;
  /** The boot pairs' own spread (standard deviation of their means); null with one pair. */
  bootSpread: number | null;
}

/**
 * @param diffs one paired difference per block (log ratio, or absolute for error rate)
 * @param pairOf the boot pair of each block (same order as `diffs`)
 * @param assumedSpread per-pair boot spread assumed on top of the blocks' noise (0 for error rate)
 */
export function bootLevelTest(
  diffs: readonly number[],
  pairOf: readonly number[],
  assumedSpread: number,
  level = 0.95,
): BootLevelTest | null {
  if (diffs.length !== pairOf.length) {
    throw new RangeError(
      `bootLevelTest: ${diffs.length} differences, ${pairOf.length} pair labels`,
    );
  }
  const groups = new Map<number, number[]>();
  diffs.forEach((d, i) => {
    const pair = pairOf[i] as number;
    const group = groups.get(pair);
    if (group) group.push(d);
    else groups.set(pair, [d]);
  });
  const pairs = [...groups.values()];
  const S = pairs.length;
  const N = diffs.length;
  if (N < 2) return null;
  const means = pairs.map(mean);
  const estimate = mean(means);
  // Within-pair noise, pooled: sum of squares around each pair's own mean.
  const withinDf = N - S;
  const withinSs = pairs.reduce((sum, g, i) => {
    const m = means[i] as number;
    return sum + g.reduce((s, d) => s + (d - m) ** 2, 0);
  }, 0);
  const withinVar = withinDf > 0 ? withinSs / withinDf : NaN;
  // Variance of the mean of pair means if pairs differed only by their blocks' noise + the floor.
  const blocksVar =
    (withinVar * pairs.reduce((s, g) => s + 1 / g.length, 0)) / S ** 2 + assumedSpread ** 2 / S;
  const pairsVar = S >= 2 ? variance(means) / S : NaN;
  const bootSpread = S >= 2 ? Math.sqrt(variance(means)) : null;
  if (Number.isNaN(blocksVar)) {
    // Every pair has one block: only the pairs can say.
    if (Number.isNaN(pairsVar)) return null;
    const interval = tIntervalFrom(estimate, Math.sqrt(pairsVar), S - 1, level);
    return { interval, pairs: S, bootsDominate: true, bootSpread };
  }
  const ratio = blocksVar > 0 ? pairsVar / blocksVar : pairsVar > 0 ? Infinity : 0;
  const bootsDominate = S >= 2 && fUpperP(ratio, S - 1, withinDf) < POOLING_LEVEL;
  const se = Math.sqrt(Number.isNaN(pairsVar) ? blocksVar : Math.max(blocksVar, pairsVar));
  const interval = tIntervalFrom(estimate, se, bootsDominate ? S - 1 : withinDf, level);
  return { interval, pairs: S, bootsDominate, bootSpread };
}
