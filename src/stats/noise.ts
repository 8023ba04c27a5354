/**
 * The noise every run prints: spread between rounds (coefficient of variation) and the smallest
 * RPS change the run could have told from noise. Pure.
 */
import type { RoundMetrics, RoundNoise } from './types.js';
import { cv, safeLog, variance } from './describe.js';
import type { TInterval } from './intervals.js';
import { tQuantile } from './tdist.js';

/** Power used for the minimum detectable change (the usual 80%). */
export const DETECTION_POWER = 0.8;

/**
 * Smallest relative drop detectable with `power`, for a test with this standard error and df
 * at significance `alpha` (two-sided): (t(1 - alpha/2) + t(power)) · se on the log scale.
 */
export function minDetectableDrop(
  se: number,
  df: number,
  alpha: number,
  power = DETECTION_POWER,
): number | null {
  const logChange = minDetectableLogChange(se, df, alpha, power);
  return logChange === null ? null : 1 - Math.exp(-logChange);
}

/** The same on the test's own scale (log ratio, or absolute for error rate). */
export function minDetectableLogChange(
  se: number,
  df: number,
  alpha: number,
  power = DETECTION_POWER,
): number | null {
  if (!(se >= 0) || !(df > 0) || !Number.isFinite(se)) return null;
  return (tQuantile(1 - alpha / 2, df) + tQuantile(power, df)) * se;
}

/**
 * @param rpsTest the overall RPS test against the baseline, when there was one; otherwise the
 *   run's own rounds stand in for an equally noisy baseline (se = s·sqrt(2/r)).
 * @param alpha the significance the first Holm step uses (alpha / number of gated tests).
 */
export function noiseReport(
  rounds: readonly RoundMetrics[],
  rpsTest: TInterval | null,
  alpha: number,
): RoundNoise {
  const rps = rounds.map((r) => r.rps);
  let minDetectableRpsChange: number | null = null;
  if (rpsTest) {
    minDetectableRpsChange = minDetectableDrop(rpsTest.se, rpsTest.df, alpha);
  } else if (rounds.length >= 2) {
    const v = variance(rps.map(safeLog));
    minDetectableRpsChange = minDetectableDrop(
      Math.sqrt((2 * v) / rounds.length),
      rounds.length - 1,
      alpha,
    );
  }
  return {
    rpsCv: cv(rps),
    p95Cv: cv(rounds.map((r) => r.p95)),
    minDetectableRpsChange,
  };
}
