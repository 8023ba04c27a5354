import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  abbaOrder,
  bootPairOf,
  maxBlocksWithin,
  MAX_GROWTH,
  MIN_BLOCKS,
  planAB,
  plannedBootPairs,
  plannedSeconds,
} from '../../../src/pipeline/ab/plan.js';
import { parse, minimal } from '../config/helpers.js';

const defaults = parse(minimal()).load;

test('defaults: 10 blocks of 3 s rounds in 2 boot pairs, 0.3 s re-warm-up, about 76 s of load, a boot pair more per look', () => {
  const plan = planAB(defaults);
  assert.deepEqual(plan, {
    blocks: 10,
    bootBlocks: 5,
    roundMs: 3000,
    warmupMs: 5000,
    rewarmMs: 300,
    sequential: true,
  });
  assert.equal(plannedBootPairs(plan), 2);
  // One warm-up per boot pair (both sides at once), a re-warm-up before every round.
  assert.equal(plannedSeconds(plan), 2 * 5 + 20 * 0.3 + 20 * 3);
  assert.deepEqual(
    Array.from({ length: 10 }, (_, i) => bootPairOf(plan, i)),
    [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
  );
});

test('boot pairs split the blocks evenly; an override of the blocks keeps two pairs', () => {
  assert.equal(planAB(defaults, { blocks: 4 }).bootBlocks, 2);
  assert.equal(planAB(defaults, { blocks: 6, bootBlocks: 6 }).bootBlocks, 6);
  assert.throws(() => planAB(defaults, { blocks: 10, bootBlocks: 4 }), /split the 10 blocks/);
  assert.throws(() => planAB(defaults, { blocks: 10, bootBlocks: 0 }), /split the 10 blocks/);
});

test('blocks: twice the rounds, never fewer than MIN_BLOCKS; 1.2x the stored load time in all', () => {
  assert.equal(planAB({ ...defaults, rounds: 1 }).blocks, MIN_BLOCKS);
  assert.equal(planAB({ ...defaults, rounds: 1 }).roundMs, 1500);
  assert.equal(planAB({ ...defaults, rounds: 4 }).blocks, 8);
  assert.equal(planAB({ ...defaults, rounds: 7 }).blocks, 14);
  const p = planAB({ ...defaults, rounds: 7, durationMs: 2000 });
  assert.equal(2 * p.blocks * p.roundMs, 1.2 * 7 * 2000);
});

test('rounds: shorter than the duration, never under 200 ms (or the duration); stages replayed whole', () => {
  assert.equal(planAB({ ...defaults, durationMs: 800 }).roundMs, 240);
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

test('the sequential limit: whole boot pairs that fit in max-time at the measured pace', () => {
  const plan = planAB(defaults);
  // The 2 planned boot pairs took 84 s (42 s each): 180 - 84 - 5 = 91 s left = 2 more pairs
  // of 5 blocks.
  const input = { plan, elapsedMs: 84_000, maxTimeMs: 180_000 };
  assert.equal(maxBlocksWithin(input), 20);
  assert.equal(maxBlocksWithin({ ...input, maxTimeMs: 120_000 }), 10, 'no room: the plan only');
  assert.equal(maxBlocksWithin({ ...input, plan: { ...plan, sequential: false } }), 10, 'off');
  const hour = maxBlocksWithin({ ...input, maxTimeMs: 3_600_000 });
  assert.equal(
    hour,
    30,
    'at most 3x the planned blocks (in whole boot pairs), however long max-time is',
  );
  assert.ok(hour <= MAX_GROWTH * plan.blocks);
});
