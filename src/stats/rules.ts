/**
 * The verdict rules, per metric. Directions and tolerances are data, not branches in the code.
 *
 * RPS and latency percentiles are compared on a log scale (ratios). With a 95% interval of the
 * log change and a tolerance T (FIELD-NOTES 4, Pinpoint / rustc-perf style):
 * - regression: the Holm-adjusted p-value for "no change" is <= alpha (the interval at the
 *   adjusted level excludes no change) AND the estimate is worse than T;
 * - pass: the whole (unadjusted) 95% interval is on the good side of T (one-sided: any
 *   improvement is fine);
 * - inconclusive otherwise.
 * Error rate has an absolute ceiling instead (see decideErrorRate).
 * Pure.
 */
import type { GateConfig } from '../config/types.js';
import type { MetricName, Verdict } from './types.js';
import type { TInterval } from './intervals.js';

export type Direction = 'higher-is-better' | 'lower-is-better';

export interface MetricRule {
  direction: Direction;
  /** `log`: compared as ratios; `absolute`: compared as differences (error rate: zeros are common). */
  scale: 'log' | 'absolute';
  /** Counts towards the overall verdict. p50/p99 are reported with verdicts but not gated. */
  gated: boolean;
  /** The relative tolerance from `gate:` (latency percentiles share p95's). */
  tolerance(gate: GateConfig): number;
  label: string;
}

export const METRIC_RULES: Record<MetricName, MetricRule> = {
  rps: {
    direction: 'higher-is-better',
    scale: 'log',
    gated: true,
    tolerance: (g) => g.rps,
    label: 'RPS',
  },
  p50: {
    direction: 'lower-is-better',
    scale: 'log',
    gated: false,
    tolerance: (g) => g.p95,
    label: 'p50',
  },
  p95: {
    direction: 'lower-is-better',
    scale: 'log',
    gated: true,
    tolerance: (g) => g.p95,
    label: 'p95',
  },
  p99: {
    direction: 'lower-is-better',
    scale: 'log',
    gated: false,
    tolerance: (g) => g.p95,
    label: 'p99',
  },
  errorRate: {
    direction: 'lower-is-better',
    scale: 'absolute',
    gated: true,
    tolerance: (g) => g.errors,
    label: 'error rate',
  },
};

export const METRIC_NAMES: readonly MetricName[] = ['rps', 'p50', 'p95', 'p99', 'errorRate'];

/** How far (in log units) a change may go the wrong way before it is beyond the tolerance. */
export function logTolerance(direction: Direction, tolerance: number): number {
  if (direction === 'higher-is-better') return tolerance >= 1 ? Infinity : -Math.log(1 - tolerance);
  return Math.log(1 + tolerance);
}

/** Positive = worse, in the metric's own direction. */
export function badness(direction: Direction, logChange: number): number {
  return direction === 'higher-is-better' ? -logChange : logChange;
}

/**
 * Verdict of one log-scale metric from its interval (log of current / baseline) and its
 * Holm-adjusted p-value.
 */
export function decideLogMetric(
  test: TInterval,
  adjustedP: number,
  direction: Direction,
  tolerance: number,
  alpha: number,
): Verdict {
  const limit = logTolerance(direction, tolerance);
  const worstEnd = direction === 'higher-is-better' ? -test.low : test.high;
  if (adjustedP <= alpha && badness(direction, test.estimate) > limit) return 'regression';
  if (worstEnd <= limit) return 'pass';
  return 'inconclusive';
}

/**
 * Error rate: an absolute ceiling `gate.errors`. Above it the run is a regression whatever the
 * baseline says (a faster server that fails more is not better), and also without a baseline.
 * Otherwise `pass` when the upper end of the interval for this run's error rate (baseline +
 * interval of the difference; this run's rounds without a baseline) stays under the ceiling,
 * `inconclusive` when errors are too bursty to be sure, `no-baseline` when none and clean.
 */
export function decideErrorRate(
  current: number,
  ceiling: number,
  upperBound: number | null,
  hasBaseline: boolean,
): Verdict {
  if (current > ceiling) return 'regression';
  if (!hasBaseline) return 'no-baseline';
  if (upperBound === null || upperBound <= ceiling) return 'pass';
  return 'inconclusive';
}
