// Reference values: R's t.test on the `sleep` data set (Student 1908).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  oneSampleInterval,
  pairedInterval,
  predictionBounds,
  predictionInterval,
  tIntervalFrom,
  welchInterval,
} from '../../../src/stats/intervals.js';

const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

function close(actual: number, expected: number, tol: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: got ${actual}, expected ${expected}`);
}

test('Welch: t.test(extra ~ group, data = sleep)', () => {
  const r = welchInterval(group1, group2);
  assert.ok(r);
  close(r.estimate, -1.58, 1e-12, 'estimate');
  close(r.df, 17.776473516178488, 1e-9, 'df');
  close(r.estimate / r.se, -1.8608134674868526, 1e-9, 't');
  close(r.p, 0.0793941401873583, 1e-9, 'p');
  close(r.low, -3.3654832307117104, 1e-9, 'low');
  close(r.high, 0.20548323071171137, 1e-9, 'high');
});

test('paired: t.test(extra ~ group, data = sleep, paired = TRUE)', () => {
  const r = pairedInterval(group1, group2);
  assert.ok(r);
  close(r.estimate, -1.58, 1e-12, 'estimate');
  assert.equal(r.df, 9);
  close(r.p, 0.002832890197384273, 1e-10, 'p');
  close(r.low, -2.459885763276983, 1e-9, 'low');
  close(r.high, -0.7001142367230175, 1e-9, 'high');
  assert.throws(() => pairedInterval([1], [1, 2]), /1 vs 2/);
});

test('one-sample interval needs two values', () => {
  assert.equal(oneSampleInterval([3]), null);
  const r = oneSampleInterval([1, 2, 3, 4]);
  assert.ok(r && r.low < 2.5 && r.high > 2.5);
});

test('Welch with one value on a side borrows the other side variance', () => {
  const r = welchInterval([10], [1, 2, 3]);
  assert.ok(r);
  assert.equal(r.df, 2);
  close(r.se, Math.sqrt(1 / 1 + 1 / 3), 1e-12, 'se');
  assert.equal(welchInterval([1], [2]), null);
  assert.equal(welchInterval([], [2, 3]), null);
});

test('zero spread gives a point interval and a decisive p', () => {
  const same = welchInterval([5, 5, 5], [5, 5]);
  assert.deepEqual([same?.low, same?.high, same?.p], [0, 0, 1]);
  const apart = welchInterval([6, 6, 6], [5, 5]);
  assert.deepEqual([apart?.estimate, apart?.p], [1, 0]);
  assert.throws(() => tIntervalFrom(0, 1, 3, 1.5), /level/);
});

test('prediction bounds: mean ± qt(.975, n-1) s sqrt(1 + 1/n)', () => {
  const b = predictionBounds([10, 12, 11, 13, 9]);
  assert.ok(b);
  close(b.low, 6.191056013371505, 1e-9, 'low');
  close(b.high, 15.808943986628496, 1e-9, 'high');
  assert.equal(predictionBounds([1]), null);
});

test('prediction interval of a new observation against a history', () => {
  const r = predictionInterval([10, 12, 11, 13, 9], 16);
  assert.ok(r);
  close(r.estimate, 5, 1e-12, 'estimate');
  close(r.se, Math.sqrt(3), 1e-12, 'se = s sqrt(1 + 1/n)');
  assert.equal(r.df, 4);
  close(r.p, 0.044708587279680585, 1e-9, 'p');
  // Own noise larger than the history spread widens the new observation's part only.
  const wide = predictionInterval([10, 12, 11, 13, 9], 16, { observationVariance: 10 });
  close(wide?.se ?? 0, Math.sqrt(10 + 2.5 / 5), 1e-12, 'se with own noise');
  const narrow = predictionInterval([10, 12, 11, 13, 9], 16, { observationVariance: 0.1 });
  close(narrow?.se ?? 0, Math.sqrt(3), 1e-12, 'small own noise changes nothing');
});
