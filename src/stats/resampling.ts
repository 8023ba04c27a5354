/**
 * Resampling methods, all deterministic: a seeded PRNG, the exact sign-flip (Fisher one-sample
 * randomization) test for paired A/B blocks, its inverted interval, and a seeded percentile
 * bootstrap. Resample one value per round or block, never individual requests (FIELD-NOTES 4).
 * Pure.
 */
import { quantile } from './describe.js';

/** mulberry32: small, fast, good enough for resampling; same seed -> same stream. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SignFlipResult {
  /** Two-sided p-value for "the differences are symmetric around zero". */
  p: number;
  /** All 2^n sign patterns were enumerated (otherwise seeded Monte Carlo). */
  exact: boolean;
  n: number;
}

export interface SignFlipOptions {
  /** Enumerate all patterns up to this many values (2^20 ≈ one million). */
  exactLimit?: number;
  /** Monte Carlo draws beyond exactLimit. */
  samples?: number;
  seed?: number;
}

// Floating-point sums of the same numbers in another order may differ in the last bits.
const TIE_EPS = 1e-12;

/** Exact sign-flip test on paired differences (statistic: |sum|, equivalent to |mean|). */
export function signFlipTest(
  diffs: readonly number[],
  options: SignFlipOptions = {},
): SignFlipResult {
  const n = diffs.length;
  if (n === 0) return { p: 1, exact: true, n };
  const observed = Math.abs(diffs.reduce((s, d) => s + d, 0));
  const scale = diffs.reduce((s, d) => s + Math.abs(d), 0);
  const threshold = observed - TIE_EPS * Math.max(1, scale);
  const exactLimit = options.exactLimit ?? 20;
  if (n <= exactLimit) {
    // Gray code: each step flips one sign, so the sum updates in O(1).
    const signs = new Array<number>(n).fill(1);
    let sum = diffs.reduce((s, d) => s + d, 0);
    let hits = 0;
    const total = 2 ** n;
    for (let k = 0; k < total; k++) {
      if (k > 0) {
        const bit = 31 - Math.clz32(k & -k); // index of the lowest set bit of k
        signs[bit] = -(signs[bit] as number);
        sum += 2 * (signs[bit] as number) * (diffs[bit] as number);
      }
      if (Math.abs(sum) >= threshold) hits++;
    }
    return { p: hits / total, exact: true, n };
  }
  const random = seededRandom(options.seed ?? 1);
  const samples = options.samples ?? 20_000;
  let hits = 0;
  for (let s = 0; s < samples; s++) {
    let sum = 0;
    for (const d of diffs) sum += random() < 0.5 ? -d : d;
    if (Math.abs(sum) >= threshold) hits++;
  }
  // Counting the observed pattern keeps the p-value valid (never 0).
  return { p: (hits + 1) / (samples + 1), exact: false, n };
}

/**
 * Interval for the centre of paired differences by inverting the sign-flip test: the shifts δ
 * for which diffs - δ are not rejected at 1 - level. Unbounded (±Infinity) when n is too small
 * for any rejection (2 / 2^n > 1 - level, e.g. n <= 5 at 95%).
 */
export function signFlipInterval(
  diffs: readonly number[],
  level = 0.95,
  options: SignFlipOptions = {},
): { estimate: number; low: number; high: number } {
  const n = diffs.length;
  const estimate = n === 0 ? NaN : diffs.reduce((s, d) => s + d, 0) / n;
  const alpha = 1 - level;
  if (n === 0 || 2 / 2 ** n > alpha) return { estimate, low: -Infinity, high: Infinity };
  const accepted = (delta: number) =>
    signFlipTest(
      diffs.map((d) => d - delta),
      options,
    ).p > alpha;
  const spread = Math.max(...diffs.map((d) => Math.abs(d - estimate)), 1e-12);
  // Shifting past every value makes all differences one-signed: rejected when 2/2^n <= alpha.
  const edge = (direction: 1 | -1) => {
    let inside = estimate;
    let outside = estimate + direction * 2 * spread;
    for (let i = 0; i < 60; i++) {
      const mid = (inside + outside) / 2;
      if (accepted(mid)) inside = mid;
      else outside = mid;
      if (Math.abs(outside - inside) <= 1e-10 * Math.max(1, spread)) break;
    }
    return inside;
  };
  return { estimate, low: edge(-1), high: edge(1) };
}

export interface BootstrapOptions {
  resamples?: number;
  level?: number;
  seed?: number;
}

/** Seeded percentile bootstrap interval of `statistic` over `values` (one value per round). */
export function bootstrapInterval(
  values: readonly number[],
  statistic: (sample: readonly number[]) => number,
  options: BootstrapOptions = {},
): { estimate: number; low: number; high: number } {
  if (values.length === 0) throw new RangeError('bootstrapInterval: no values');
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const stats: number[] = [];
  const sample = new Array<number>(values.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < values.length; i++)
      sample[i] = values[Math.floor(random() * values.length)] as number;
    stats.push(statistic(sample));
  }
  const alpha = 1 - level;
  return {
    estimate: statistic(values),
    low: quantile(stats, alpha / 2),
    high: quantile(stats, 1 - alpha / 2),
  };
}
