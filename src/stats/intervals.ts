/**
 * t-based intervals for a difference: Welch (two independent samples), one-sample / paired,
 * and the prediction interval for one new observation of a history. Each returns the estimate,
 * its standard error, degrees of freedom, a two-sided p-value for "no change" and the interval.
 * Checked against R's t.test in test/unit/stats/intervals.test.ts. Pure.
 */
import { mean, variance } from './describe.js';
import { tQuantile, tTwoSidedP } from './tdist.js';

export interface TInterval {
  /** The estimated difference (same units as the input, e.g. log ratio). */
  estimate: number;
  low: number;
  high: number;
  se: number;
  df: number;
  /** Two-sided p-value for a difference of zero. */
  p: number;
  level: number;
}

/** Interval around `estimate` from its standard error; a zero SE gives a point (p 0 or 1). */
export function tIntervalFrom(estimate: number, se: number, df: number, level = 0.95): TInterval {
  if (!(level > 0 && level < 1))
    throw new RangeError(`interval level must be in (0, 1), got ${level}`);
  if (se === 0) {
    return { estimate, low: estimate, high: estimate, se, df, p: estimate === 0 ? 1 : 0, level };
  }
  const q = tQuantile(1 - (1 - level) / 2, df);
  const p = tTwoSidedP(estimate / se, df);
  return { estimate, low: estimate - q * se, high: estimate + q * se, se, df, p, level };
}

/**
 * Welch's interval for mean(x) - mean(y) (R: t.test(x, y)). A side with a single value borrows
 * the other side's variance (equal-noise assumption); both sides single -> null.
 */
export function welchInterval(
  x: readonly number[],
  y: readonly number[],
  level = 0.95,
): TInterval | null {
  if (x.length === 0 || y.length === 0) return null;
  let vx = variance(x);
  let vy = variance(y);
  let df: number;
  if (Number.isNaN(vx) && Number.isNaN(vy)) return null;
  if (Number.isNaN(vx)) {
    vx = vy;
    df = y.length - 1;
  } else if (Number.isNaN(vy)) {
    vy = vx;
    df = x.length - 1;
  } else {
    const a = vx / x.length;
    const b = vy / y.length;
    // Welch-Satterthwaite; both variances zero -> the point case below.
    df =
      a + b === 0
        ? x.length + y.length - 2
        : (a + b) ** 2 / (a ** 2 / (x.length - 1) + b ** 2 / (y.length - 1));
  }
  const se = Math.sqrt(vx / x.length + vy / y.length);
  return tIntervalFrom(mean(x) - mean(y), se, df, level);
}

/** One-sample interval for the mean (R: t.test(x)); null with fewer than two values. */
export function oneSampleInterval(values: readonly number[], level = 0.95): TInterval | null {
  if (values.length < 2) return null;
  const se = Math.sqrt(variance(values) / values.length);
  return tIntervalFrom(mean(values), se, values.length - 1, level);
}

/** Paired interval for mean(x - y) (R: t.test(x, y, paired = TRUE)). */
export function pairedInterval(
  x: readonly number[],
  y: readonly number[],
  level = 0.95,
): TInterval | null {
  if (x.length !== y.length)
    throw new RangeError(`pairedInterval: ${x.length} vs ${y.length} values`);
  return oneSampleInterval(
    x.map((v, i) => v - (y[i] as number)),
    level,
  );
}

/** Classic prediction interval for one new observation: mean ± t(n-1) · s · sqrt(1 + 1/n). */
export function predictionBounds(
  history: readonly number[],
  level = 0.95,
): { low: number; high: number } | null {
  if (history.length < 2) return null;
  const m = mean(history);
  const half =
    tQuantile(1 - (1 - level) / 2, history.length - 1) *
    Math.sqrt(variance(history) * (1 + 1 / history.length));
  return { low: m - half, high: m + half };
}

/**
 * How far a new observation lies from a history's distribution: estimate = observation -
 * mean(history), se² = max(s², observationVariance) + s²/n, df = n - 1. The new run is one
 * runner-level sample (FIELD-NOTES 4); `observationVariance` (the run's own within-run noise,
 * variance of its mean) keeps the interval honest when the history happens to agree too well.
 */
export function predictionInterval(
  history: readonly number[],
  observation: number,
  options: { level?: number; observationVariance?: number } = {},
): TInterval | null {
  if (history.length < 2) return null;
  const n = history.length;
  const s2 = variance(history);
  const own = options.observationVariance;
  const newVar = own !== undefined && Number.isFinite(own) ? Math.max(s2, own) : s2;
  const se = Math.sqrt(newVar + s2 / n);
  return tIntervalFrom(observation - mean(history), se, n - 1, options.level ?? 0.95);
}
