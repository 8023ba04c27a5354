/**
 * Weighted choice of the next request: cumulative weights and a binary search, driven by a
 * seeded generator so that runs repeat. A single request skips the draw entirely.
 */
import type { Rng } from './rng.js';

export type Picker = () => number;

export function createPicker(weights: readonly number[], rng: Rng): Picker {
  if (weights.length === 0) throw new Error('createPicker: no weights');
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`createPicker: bad weight ${w}`);
  }
  if (weights.length === 1) return () => 0;
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i] ?? 0;
    cumulative[i] = total;
  }
  if (total <= 0) throw new Error('createPicker: weights sum to 0');
  const last = weights.length - 1;
  return () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
