import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abbaOrder, MIN_BLOCKS, planAB, plannedSeconds } from '../../../src/ab/plan.js';
import { parse, minimal } from '../config/helpers.js';

const defaults = parse(minimal()).load;

test('defaults: 6 blocks of 5 s rounds, 0.5 s re-warm-up, about 75 s of load in all', () => {
  const plan = planAB(defaults);
  assert.deepEqual(plan, { blocks: 6, roundMs: 5000, warmupMs: 5000, rewarmMs: 500 });
  assert.equal(plannedSeconds(plan), 10 + 10 * 0.5 + 12 * 5);
});

test('blocks: rounds rounded up to even, never fewer than MIN_BLOCKS', () => {
  assert.equal(planAB({ ...defaults, rounds: 1 }).blocks, MIN_BLOCKS);
  assert.equal(planAB({ ...defaults, rounds: 4 }).blocks, 4);
  assert.equal(planAB({ ...defaults, rounds: 7 }).blocks, 8);
});

test('rounds: half the duration, but a short duration is kept and stages are replayed whole', () => {
  assert.equal(planAB({ ...defaults, durationMs: 800 }).roundMs, 400);
  assert.equal(planAB({ ...defaults, durationMs: 300 }).roundMs, 200);
  assert.equal(planAB({ ...defaults, durationMs: 150 }).roundMs, 150);
  const staged = {
    ...defaults,
    model: 'open' as const,
    stages: [{ durationMs: 4000, rate: 100 }],
    durationMs: 4000,
  };
  assert.equal(planAB(staged).roundMs, 4000);
});

test('re-warm-up: a tenth of a round, never more than the configured warm-up', () => {
  assert.equal(planAB({ ...defaults, warmupMs: 0 }).rewarmMs, 0);
  assert.equal(planAB({ ...defaults, warmupMs: 100 }).rewarmMs, 100);
});

test('overrides apply; an odd number of blocks is refused', () => {
  assert.equal(planAB(defaults, { blocks: 10, roundMs: 2000 }).roundMs, 2000);
  assert.throws(() => planAB(defaults, { blocks: 5 }), /even number of blocks/);
  assert.throws(() => planAB(defaults, { blocks: 0 }), /even number of blocks/);
});

test('turn order: A B | B A | A B | B A, so each side goes first equally often', () => {
  const order = abbaOrder(4);
  assert.equal(
    order
      .flat()
      .map((s) => (s === 'base' ? 'A' : 'B'))
      .join(''),
    'ABBAABBA',
  );
  for (const pair of order) assert.deepEqual([...pair].sort(), ['base', 'head']);
  const firsts = order.map((p) => p[0]);
  assert.equal(
    firsts.filter((s) => s === 'base').length,
    firsts.filter((s) => s === 'head').length,
  );
});
