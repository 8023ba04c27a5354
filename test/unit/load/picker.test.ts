import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPicker } from '../../../src/load/picker.js';
import { createRng } from '../../../src/load/rng.js';

test('weights give proportions close to their share', () => {
  const pick = createPicker([1, 3, 0, 6], createRng(7));
  const n = 20_000;
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) counts[pick()]! += 1;
  assert.equal(counts[2], 0, 'weight 0 is never picked');
  assert.ok(Math.abs(counts[0]! / n - 0.1) < 0.015, `share of weight 1: ${counts[0]! / n}`);
  assert.ok(Math.abs(counts[1]! / n - 0.3) < 0.02, `share of weight 3: ${counts[1]! / n}`);
  assert.ok(Math.abs(counts[3]! / n - 0.6) < 0.02, `share of weight 6: ${counts[3]! / n}`);
});

test('the same seed gives the same sequence', () => {
  const seq = (seed: number) => {
    const pick = createPicker([1, 1, 1], createRng(seed));
    return Array.from({ length: 100 }, pick);
  };
  assert.deepEqual(seq(1), seq(1));
  assert.notDeepEqual(seq(1), seq(2));
});

test('one request needs no draw; bad weights are refused', () => {
  assert.equal(createPicker([5], createRng(1))(), 0);
  assert.throws(() => createPicker([], createRng(1)));
  assert.throws(() => createPicker([0, 0], createRng(1)), /sum to 0/);
  assert.throws(() => createPicker([1, -1], createRng(1)), /bad weight/);
});
