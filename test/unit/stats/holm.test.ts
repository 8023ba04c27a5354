import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holmAdjust, holmReject } from '../../../src/stats/holm.js';

function closeAll(actual: number[], expected: number[]) {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) =>
    assert.ok(Math.abs(a - (expected[i] as number)) < 1e-12, `${i}: ${a} vs ${expected[i]}`),
  );
}

test('p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm")', () => {
  // 5·0.01, 4·0.02, max(3·0.03, ...) = 0.09, then monotone.
  closeAll(holmAdjust([0.01, 0.02, 0.03, 0.04, 0.05]), [0.05, 0.08, 0.09, 0.09, 0.09]);
});

test('input order is kept, values capped at 1, NaN ignored', () => {
  closeAll(holmAdjust([0.04, 0.001, 0.3]), [0.08, 0.003, 0.3]);
  closeAll(holmAdjust([0.6, 0.5]), [1, 1]);
  const withNaN = holmAdjust([0.01, NaN, 0.02]);
  assert.ok(Number.isNaN(withNaN[1]));
  closeAll([withNaN[0] as number, withNaN[2] as number], [0.02, 0.02]);
});

test('Holm rejects fewer than uncorrected tests, more than Bonferroni', () => {
  // Uncorrected, all three are below 0.05; Holm: 3·0.012 = 0.036, 2·0.03 = 0.06.
  const p = [0.012, 0.03, 0.04];
  assert.deepEqual(holmReject(p, 0.05), [true, false, false]);
  closeAll(holmAdjust(p), [0.036, 0.06, 0.06]);
  // Bonferroni (3·p: 0.003, 0.06, 0.072) rejects only the first; Holm's step-down all three.
  assert.deepEqual(holmReject([0.001, 0.02, 0.024], 0.05), [true, true, true]);
});
