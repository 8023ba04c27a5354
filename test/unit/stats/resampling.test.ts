import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootstrapInterval,
  seededRandom,
  signFlipInterval,
  signFlipTest,
} from '../../../src/stats/resampling.js';

// Paired differences of the sleep data (group 2 - group 1): nine positive, one zero.
const sleepDiffs = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];

test('seeded random is repeatable and in [0, 1)', () => {
  const a = seededRandom(5);
  const b = seededRandom(5);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(
    xs.slice(0, 10),
    Array.from({ length: 10 }, () => b()),
  );
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notEqual(seededRandom(6)(), seededRandom(5)());
});

test('exact sign-flip: all-positive differences (hand count: 4 of 1024 patterns)', () => {
  // Only "all +" and "all -" reach |sum| = 19.8; the zero's two signs double each.
  const r = signFlipTest(sleepDiffs);
  assert.equal(r.exact, true);
  assert.equal(r.p, 4 / 1024);
});

test('exact sign-flip: small hand-checked cases', () => {
  // ±1 ±2 ±3 over the 8 patterns: 6, 4, 2, 0, 0, -2, -4, -6.
  assert.equal(signFlipTest([1, 2, -3]).p, 1); // observed sum 0: every pattern counts
  assert.equal(signFlipTest([1, -2, 3]).p, 6 / 8); // observed |sum| 2: all but the two zeros
  assert.equal(signFlipTest([1, 2, 3]).p, 2 / 8); // only ±6
});

test('sign-flip p equals brute-force enumeration', () => {
  const diffs = [1, -2, 3, 0.5, -0.25];
  const observed = Math.abs(diffs.reduce((s, d) => s + d, 0));
  let hits = 0;
  for (let mask = 0; mask < 32; mask++) {
    const sum = diffs.reduce((s, d, i) => s + (mask & (1 << i) ? -d : d), 0);
    if (Math.abs(sum) >= observed - 1e-12) hits++;
  }
  assert.equal(signFlipTest(diffs).p, hits / 32);
});

test('sign-flip Monte Carlo beyond the exact limit is seeded and close to exact', () => {
  const diffs = [0.3, -0.1, 0.4, 0.2, -0.05, 0.25, 0.1, 0.15, -0.2, 0.35, 0.05, 0.3];
  const exact = signFlipTest(diffs);
  const mc1 = signFlipTest(diffs, { exactLimit: 4, samples: 20000, seed: 3 });
  const mc2 = signFlipTest(diffs, { exactLimit: 4, samples: 20000, seed: 3 });
  assert.equal(mc1.exact, false);
  assert.equal(mc1.p, mc2.p);
  assert.ok(Math.abs(mc1.p - exact.p) < 0.01, `${mc1.p} vs ${exact.p}`);
  assert.ok(mc1.p > 0);
});

test('sign-flip interval: unbounded for tiny n, brackets the mean otherwise', () => {
  const tiny = signFlipInterval([0.1, 0.2, 0.15, 0.12, 0.11]);
  assert.deepEqual([tiny.low, tiny.high], [-Infinity, Infinity]); // 2/32 > 0.05
  const r = signFlipInterval(sleepDiffs);
  assert.ok(r.low > 0 && r.low < 1.58 && r.high > 1.58 && r.high < 4.6, JSON.stringify(r));
  // The interval's ends are where the test flips from accepted to rejected.
  assert.ok(signFlipTest(sleepDiffs.map((d) => d - (r.low - 0.01))).p <= 0.05);
  assert.ok(signFlipTest(sleepDiffs.map((d) => d - (r.low + 0.01))).p > 0.05);
});

test('seeded bootstrap: repeatable, contains the estimate, narrows with more data', () => {
  const rnd = seededRandom(11);
  const values = Array.from({ length: 40 }, () => 100 + rnd() * 10);
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const a = bootstrapInterval(values, mean, { seed: 9 });
  const b = bootstrapInterval(values, mean, { seed: 9 });
  assert.deepEqual(a, b);
  assert.ok(a.low < a.estimate && a.estimate < a.high);
  // Roughly the t interval: mean ± 1.96 · sd / sqrt(n) for uniform(0, 10) (sd ≈ 2.89).
  const halfWidth = (a.high - a.low) / 2;
  assert.ok(halfWidth > 0.6 && halfWidth < 1.2, `half width ${halfWidth}`);
  const short = bootstrapInterval(values.slice(0, 8), mean, { seed: 9 });
  assert.ok(short.high - short.low > a.high - a.low);
  assert.throws(() => bootstrapInterval([], mean), /no values/);
});
