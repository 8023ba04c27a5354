/**
 * Small descriptive helpers on top of simple-statistics (pinned: its quantile method changed
 * once, FIELD-NOTES 4), with the edge cases the verdict code needs (n < 2, zeros). Pure.
 */
import { mean as ssMean, quantile as ssQuantile, sampleVariance } from 'simple-statistics';

/** How `quantile` computes; recorded in stored baselines so old and new records can be told apart. */
export const QUANTILE_METHOD = 'simple-statistics@7.12.1 R-7 linear';

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  return ssMean(values as number[]);
}

/** Sample variance (n - 1); NaN when fewer than two values. */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  return sampleVariance(values as number[]);
}

export function sd(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

/** Coefficient of variation (sample SD / mean); null when it is undefined. */
export function cv(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values);
  if (!(m > 0)) return null;
  return sd(values) / m;
}

export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  return ssQuantile(values as number[], p);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * Values are compared on a log scale (ratios). A zero (no requests, an empty histogram) is
 * floored so that it shows as a huge change rather than -Infinity.
 */
export const LOG_FLOOR = 1e-9;
export function safeLog(value: number): number {
  return Math.log(Math.max(value, LOG_FLOOR));
}
