import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  abbaOrder,
  abbaTurn,
  bootPairOf,
  maxBlocksWithin,
  MAX_GROWTH,
  MIN_BLOCKS,
  planAB,
  plannedBootPairs,
  plannedSeconds,
  stageMs,
} from '../../../src/pipeline/ab/plan.js';
import { parse, minimal } from '../config/helpers.js';

const defaults = parse(minimal()).load;

test('defaults: 12 blocks of 2.5 s rounds in 2 boot pairs, 0.25 s re-warm-up, about 76 s of load, a boot pair more per look', () => {
  const plan = planAB(defaults);
  assert.deepEqual(plan, {
    blocks: 12,
    bootBlocks: 6,
    roundMs: 2500,
    warmupMs: 5000,
    rewarmMs: 250,
    sequential: true,
  });
  assert.equal(plannedBootPairs(plan), 2);
  // One warm-up per boot pair (both sides at once), a re-warm-up before every round.
  assert.equal(plannedSeconds(plan), 2 * 5 + 24 * 0.25 + 24 * 2.5);
  assert.deepEqual(
    Array.from({ length: 12 }, (_, i) => bootPairOf(plan, i)),
    [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
  );
});

test('each boot pair holds whole ABBA pairs: each side goes first equally often in every pair', () => {
  for (const rounds of [1, 2, 3, 4, 5, 7, 10]) {
    const plan = planAB({ ...defaults, rounds });
    const order = abbaOrder(plan);
    for (let pair = 0; pair < plannedBootPairs(plan); pair++) {
      const firsts = order
        .slice(pair * plan.bootBlocks, (pair + 1) * plan.bootBlocks)
        .map(([first]) => first);
      assert.equal(
        firsts.filter((s) => s === 'base').length,
        firsts.filter((s) => s === 'head').length,
        `rounds ${rounds}, boot pair ${pair}`,
      );
    }
  }
});

test('boot pairs split the blocks into whole ABBA pairs; an override of the blocks keeps two pairs when it can', () => {
  assert.equal(planAB(defaults, { blocks: 4 }).bootBlocks, 2);
  assert.equal(
    planAB(defaults, { blocks: 6 }).bootBlocks,
    6,
    'one pair: 3 blocks would be A B | B A | A B',
  );
  assert.throws(() => planAB(defaults, { blocks: 10, bootBlocks: 4 }), /split the 10 blocks/);
  assert.throws(() => planAB(defaults, { blocks: 10, bootBlocks: 5 }), /whole ABBA pairs, got 5/);
  assert.throws(() => planAB(defaults, { blocks: 10, bootBlocks: 0 }), /split the 10 blocks/);
});

test('blocks: about twice the rounds in a multiple of 4, never fewer than MIN_BLOCKS; 1.2x the stored load time in all', () => {
  assert.equal(planAB({ ...defaults, rounds: 1 }).blocks, MIN_BLOCKS);
  assert.equal(planAB({ ...defaults, rounds: 1 }).roundMs, 1500);
  assert.equal(planAB({ ...defaults, rounds: 4 }).blocks, 8);
  assert.equal(planAB({ ...defaults, rounds: 7 }).blocks, 16);
  const p = planAB({ ...defaults, rounds: 8, durationMs: 2000 });
  assert.equal(2 * p.blocks * p.roundMs, 1.2 * 8 * 2000);
});

test('rounds: shorter than the duration, never under 200 ms (or the duration); stages replayed whole', () => {
  assert.equal(planAB({ ...defaults, durationMs: 800 }).roundMs, 200);
  assert.equal(planAB({ ...defaults, durationMs: 1000 }).roundMs, 250);
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

test('turn order: ABBA pairs within a boot pair, each side first equally often; the first turn after each joint warm-up alternates between the sides', () => {
  const letters = (order: [string, string][]) =>
    order.map((p) => p.map((s) => (s === 'base' ? 'A' : 'B')).join('')).join(' ');
  assert.equal(letters(abbaOrder({ blocks: 8, bootBlocks: 4 })), 'AB BA AB BA BA AB BA AB');
  // Sequential stages continue the alternation: pair 3 starts with the base again.
  assert.equal(letters(abbaOrder({ blocks: 6, bootBlocks: 2 })), 'AB BA BA AB AB BA');
  const plan = planAB(defaults);
  const order = abbaOrder({ ...plan, blocks: 4 * plan.bootBlocks });
  for (const pair of order) assert.deepEqual([...pair].sort(), ['base', 'head']);
  const firstTurns = [0, 1, 2, 3].map((p) => order[p * plan.bootBlocks]?.[0]);
  assert.deepEqual(firstTurns, ['base', 'head', 'base', 'head']);
  const firsts = order.map((p) => p[0]);
  assert.equal(
    firsts.filter((s) => s === 'base').length,
    firsts.filter((s) => s === 'head').length,
  );
});

test('the sequential limit: whole stages that fit in max-time at the measured pace', () => {
  const plan = planAB(defaults);
  // The 2 planned boot pairs took 84 s (42 s each), of which 6 blocks of 2 x (0.25 + 2.5) s
  // were load: a boot pair costs 9 s by itself. A stage (2 pairs of 2 blocks) then takes
  // 2 x (9 + 11) = 40 s, and 180 - 84 - 5 = 91 s left hold 2 stages: 8 more blocks.
  const input = { plan, elapsedMs: 84_000, maxTimeMs: 180_000 };
  assert.equal(stageMs(plan, 84_000), 40_000);
  assert.equal(maxBlocksWithin(input), 20);
  assert.equal(stageMs(plan, 60_000), 2 * 11_000, 'pairs faster than their load: load only');
  assert.equal(maxBlocksWithin({ ...input, maxTimeMs: 120_000 }), 12, 'no room: the plan only');
  assert.equal(maxBlocksWithin({ ...input, plan: { ...plan, sequential: false } }), 12, 'off');
  const hour = maxBlocksWithin({ ...input, maxTimeMs: 3_600_000 });
  assert.equal(
    hour,
    36,
    'at most 3x the planned blocks (in whole stages), however long max-time is',
  );
  assert.ok(hour <= MAX_GROWTH * plan.blocks);
});

test('sequential stages: two boot pairs of one ABBA each, numbered after the planned pairs, the first turn still alternating', () => {
  const plan = planAB(defaults);
  assert.deepEqual(
    Array.from({ length: 8 }, (_, i) => bootPairOf(plan, 12 + i)),
    [2, 2, 3, 3, 4, 4, 5, 5],
  );
  const letters = (i: number) =>
    abbaTurn(plan, i)
      .map((s) => (s === 'base' ? 'A' : 'B'))
      .join('');
  // Pair 1 (blocks 6-11) started with the head; pairs 2, 3, 4, 5 start A, B, A, B.
  assert.equal(
    Array.from({ length: 8 }, (_, i) => letters(12 + i)).join(' '),
    'AB BA BA AB AB BA BA AB',
  );
});
