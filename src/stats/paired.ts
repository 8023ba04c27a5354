/**
 * The test of one metric in same-runner A/B (compare: base): base and head measured in
 * interleaved blocks (ABBA) in one job, so each block gives one paired difference (log ratio
 * head/base for RPS and latency, absolute for error rate) and runner drift cancels within a
 * block (FIELD-NOTES 4, duet benchmarking). Mean difference with a paired t interval, or the
 * exact sign-flip test and its inverted interval. With the blocks' boot pairs known, the t
 * interval treats the boot pair as a level (boot-level.ts); the sign-flip test treats blocks as
 * exchangeable. Pure.
 */
import { mean, safeLog } from './describe.js';
import { pairedInterval, type TInterval } from './intervals.js';
import { signFlipInterval, signFlipTest } from './resampling.js';
import { ASSUMED_BOOT_SPREAD, bootLevelTest } from './boot-level.js';
import type { MetricTest } from './evaluate.js';

export type PairedMethod = 't' | 'sign-flip';

/**
 * @param head per block, head's value of the metric
 * @param base per block, base's value (same order; extra values on either side are ignored)
 * @param pairOf per block, the boot pair it ran on (null: one boot, blocks independent)
 */
export function pairedTest(
  head: readonly number[],
  base: readonly number[],
  scale: 'log' | 'absolute',
  method: PairedMethod = 't',
  level = 0.95,
  pairOf: readonly number[] | null = null,
): MetricTest | null {
  const n = Math.min(head.length, base.length);
  if (n === 0) return null;
  const transform = scale === 'log' ? safeLog : (v: number) => v;
  const h = head.slice(0, n).map(transform);
  const b = base.slice(0, n).map(transform);
  const centre = mean(b);
  const baselineValue = scale === 'log' ? Math.exp(centre) : centre;
  const diffs = h.map((v, i) => v - (b[i] as number));
  if (pairOf && method === 't') {
    const spread = scale === 'log' ? ASSUMED_BOOT_SPREAD : 0;
    const boots = bootLevelTest(diffs, pairOf.slice(0, n), spread, level);
    return boots ? { baselineValue, test: boots.interval, boots } : { baselineValue, test: null };
  }
  const t = pairedInterval(h, b, level);
  if (!t || method === 't') return { baselineValue, test: t };
  const flip = signFlipInterval(diffs, level);
  const test: TInterval = { ...t, low: flip.low, high: flip.high, p: signFlipTest(diffs).p };
  return { baselineValue, test };
}
