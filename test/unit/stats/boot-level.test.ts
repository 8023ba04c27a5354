// The boot pair as a level of the A/B analysis (stats/boot-level.ts): the rule on small inputs,
// then seeded simulations of the whole A/B procedure (two boot pairs, then two short ones more
// per look while undecided, alpha spent over the looks) when boots of the same code differ. Seeded:
// every count below is the same on every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GateConfig } from '../../../src/config/types.js';
import type { RoundMetrics, Verdict } from '../../../src/report/types.js';
import { ASSUMED_BOOT_SPREAD, bootLevelTest } from '../../../src/stats/boot-level.js';
import { comparePaired } from '../../../src/stats/compare.js';
import { lookAlpha } from '../../../src/stats/sequential.js';
import { STAGE_PAIR_BLOCKS, STAGE_PAIRS } from '../../../src/pipeline/ab/plan.js';
import { currentOf, tallyVerdicts } from './fixtures.js';

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

test('one boot pair: the blocks noise plus the assumed boot spread, with the blocks degrees of freedom', () => {
  const d = [0.01, 0.03, 0.02, 0.0];
  const t = bootLevelTest(d, [0, 0, 0, 0], 0.01);
  assert.ok(t);
  assert.equal(t.pairs, 1);
  assert.equal(t.bootsDominate, false);
  assert.equal(t.bootSpread, null);
  close(t.interval.estimate, 0.015, 'estimate');
  // variance of the 4 blocks = 0.0001667; / 4 + 0.01² = 0.0001417
  close(t.interval.se, Math.sqrt((0.0001 * (5 / 3)) / 4 + 0.0001), 'se');
  assert.equal(t.interval.df, 3);
});

test('boot pairs that agree: the pooled blocks set the interval; pairs that disagree widen it', () => {
  const agree = bootLevelTest([0.01, 0.03, 0.02, 0.0], [0, 0, 1, 1], 0.01);
  assert.ok(agree);
  assert.equal(agree.bootsDominate, false);
  assert.equal(agree.interval.df, 2, 'N - pairs');
  // Each pair's blocks differ by 0.02: pooled within variance 0.0002 / 4 per block... plus 0.01² / 2.
  close(agree.interval.se, Math.sqrt((0.0002 * (1 / 2 + 1 / 2)) / 4 + 0.0001 / 2), 'se');
  const disagree = bootLevelTest([0.1, 0.11, -0.1, -0.09], [0, 0, 1, 1], 0.01);
  assert.ok(disagree);
  assert.equal(disagree.bootsDominate, true);
  assert.equal(disagree.interval.df, 1, 'pairs - 1');
  close(disagree.interval.estimate, 0.005, 'the mean of the pair means');
  close(
    disagree.bootSpread ?? NaN,
    Math.sqrt(((0.105 - 0.005) ** 2 + (-0.095 - 0.005) ** 2) / 1),
    'spread',
  );
  assert.ok(
    disagree.interval.high - disagree.interval.low > 1,
    'two disagreeing boots decide nothing',
  );
});

test('pairs of one block each: only the pairs can say; fewer than two blocks: no test', () => {
  const t = bootLevelTest([0.01, 0.02, 0.04], [0, 1, 2], 0.01);
  assert.ok(t);
  assert.equal(t.bootsDominate, true);
  assert.equal(t.interval.df, 2);
  assert.equal(bootLevelTest([0.01], [0], 0.01), null);
  assert.throws(() => bootLevelTest([0.01, 0.02], [0], 0.01), /2 differences, 1 pair labels/);
});

/** Tolerances of 0: any significant slowdown is a regression, so alpha itself is on trial. */
const strict: GateConfig = { rps: 0, p95: 0, errors: 0.01, failOn: 'regression', maxTimeMs: 0 };
const usual: GateConfig = { ...strict, rps: 0.05, p95: 0.1 };

interface World {
  /** Head's throughput relative to the base's (0.9: 10% slower). */
  speed: number;
  /** Noise of one round (log scale), independent per side and block. */
  noise: number;
  /** Standard deviation of a boot's offset (log scale), drawn per side per boot pair. */
  bootSd: number;
}

/** loadgate's defaults: 12 blocks in 2 boot pairs; each stage 2 more pairs of 2, at most 3x. */
const PAIR_BLOCKS = 6;
const FIRST_PAIRS = 2;
const MAX_BLOCKS = 36;

/** How the undecided looks add blocks: boot pairs per stage, blocks per stage pair. */
interface Stages {
  pairs: number;
  blocks: number;
}
const STAGES: Stages = { pairs: STAGE_PAIRS, blocks: STAGE_PAIR_BLOCKS };

/** One A/B run in boot pairs; `boots: false` analyses the blocks as if from one boot. */
function trial(
  normal: () => number,
  w: World,
  gate: GateConfig,
  boots: boolean,
  maxBlocks = MAX_BLOCKS,
  stages: Stages = STAGES,
): Verdict {
  const base: RoundMetrics[] = [];
  const head: RoundMetrics[] = [];
  const pairOf: number[] = [];
  let pairs = 0;
  const addPair = (blocks: number) => {
    const offset = { base: normal() * w.bootSd, head: normal() * w.bootSd };
    for (let i = 0; i < blocks; i++) {
      const drift = normal() * 0.05;
      const at = (s: number, o: number): RoundMetrics => {
        const e = drift + o + normal() * w.noise;
        return {
          rps: 1000 * s * Math.exp(e),
          p50: 20,
          p95: (40 / s) * Math.exp(-e),
          p99: 60,
          errorRate: 0,
        };
      };
      base.push(at(1, offset.base));
      head.push(at(w.speed, offset.head));
      pairOf.push(pairs);
    }
    pairs++;
  };
  for (let p = 0; p < FIRST_PAIRS; p++) addPair(PAIR_BLOCKS);
  let previous = 0;
  for (;;) {
    const blocks = base.length;
    const c = comparePaired({
      current: currentOf(head),
      base: currentOf(base),
      gate,
      alpha: lookAlpha(0.05, previous, blocks, maxBlocks),
      pairOf: boots ? pairOf : null,
    });
    const stage = stages.pairs * stages.blocks;
    if (c.verdict !== 'inconclusive' || blocks + stage > maxBlocks) return c.verdict;
    previous = blocks;
    for (let p = 0; p < stages.pairs; p++) addPair(stages.blocks);
  }
}

function count(
  seed: number,
  w: World,
  gate: GateConfig,
  boots: boolean,
  trials: number,
  maxBlocks = MAX_BLOCKS,
  stages: Stages = STAGES,
) {
  return tallyVerdicts(seed, trials, (normal) => trial(normal, w, gate, boots, maxBlocks, stages));
}

test('A/A, boots that differ a lot (a shared socket balanced differently): blocks alone cry wolf, boot pairs do not', () => {
  // 10% per boot: two boots of the same code 14% apart on average, the size the Django demo saw between
  // two single boots with gunicorn -w 2.
  const world = { speed: 1, noise: 0.03, bootSd: 0.1 };
  const naive = count(41, world, usual, false, 1000);
  const withBoots = count(41, world, usual, true, 1000);
  assert.ok(naive.regression >= 150, `blocks as independent: ${JSON.stringify(naive)}`);
  assert.ok(withBoots.regression <= 100, `boot pairs as a level: ${JSON.stringify(withBoots)}`);
  assert.ok(withBoots.regression * 3 <= naive.regression, 'at most a third of the false alarms');
});

test('A/A, boots within the assumed spread: the procedure keeps false alarms under alpha', () => {
  // No tolerance: every significant slowdown counts (a regression needs the slow side: about
  // alpha / 2 at most).
  const world = { speed: 1, noise: 0.03, bootSd: ASSUMED_BOOT_SPREAD / Math.SQRT2 };
  const c = count(42, world, strict, true, 2000);
  assert.ok(c.regression <= 0.035 * 2000, JSON.stringify(c));
});

test('A/A, boots twice as far apart as assumed: the pairs take over and false alarms stay near alpha', () => {
  const world = { speed: 1, noise: 0.03, bootSd: (2 * ASSUMED_BOOT_SPREAD) / Math.SQRT2 };
  const c = count(43, world, strict, true, 2000);
  assert.ok(c.regression <= 0.05 * 2000, JSON.stringify(c));
});

test('A/A with the noisiest boots measured: false alarms under alpha at the default tolerances', () => {
  // The Django example (1 worker) on a shared AMD VM (docs/benchmarks.md, "A second machine"):
  // a block's paired difference 8% apart, boot pairs 5.4% apart, five times the assumed
  // spread. With 2-4 pairs the pretest misses much of it, so false alarms rise tenfold over
  // boots at the assumed spread (81 of 2,000 against 11 with this seed), but stay under alpha.
  const defaults: GateConfig = { ...strict, rps: 0.03, p95: 0.1 };
  const world = { speed: 1, noise: 0.08 / Math.SQRT2, bootSd: 0.054 / Math.SQRT2 };
  const c = count(46, world, defaults, true, 2000, 24);
  assert.ok(c.regression <= 0.05 * 2000, JSON.stringify(c));
  const assumed = count(
    46,
    { ...world, bootSd: ASSUMED_BOOT_SPREAD / Math.SQRT2 },
    defaults,
    true,
    2000,
    24,
  );
  assert.ok(
    assumed.regression < c.regression,
    `${JSON.stringify(assumed)} vs ${JSON.stringify(c)}`,
  );
});

test('a 10% slowdown on a quiet-ish runner with ordinary boots: caught, nearly always at the first look', () => {
  const world = { speed: 0.9, noise: 0.03, bootSd: ASSUMED_BOOT_SPREAD / Math.SQRT2 };
  const c = count(44, world, usual, true, 500);
  assert.ok(c.regression >= 490, JSON.stringify(c));
  assert.equal(c.pass, 0);
});

test('a collapse on a noisy runner: mostly decided at the first look, always by the looks that follow', () => {
  // With two pairs the preliminary F test finds the pairs disagreeing in about a tenth of
  // runs even when boots do not differ; those take the pairs' single degree of freedom and wait
  // for a third pair. The first look alone still decides most; the sequential looks decide all.
  const world = { speed: 0.5, noise: 0.08, bootSd: ASSUMED_BOOT_SPREAD / Math.SQRT2 };
  const first = count(45, world, usual, true, 500, FIRST_PAIRS * PAIR_BLOCKS);
  assert.ok(first.regression >= 400, `first look: ${JSON.stringify(first)}`);
  const all = count(45, world, usual, true, 500);
  assert.ok(all.regression >= 495, `all looks: ${JSON.stringify(all)}`);
});

test('the noisiest boots measured: short boot pairs in the stages catch a 10% slowdown more often than long ones, in the same time, without more false alarms', () => {
  // Django on the AMD VM (blocks 8% apart, boot pairs 5.4%). After the planned look (2 pairs of
  // 6 blocks, about 82 s) about 90 s are left: two stages of two 2-block pairs (19 s a pair), or
  // two stages of one 6-block pair (41 s), the design before. Only more boots narrow an
  // interval that the boots' spread sets: 669 against 551 of 1,000 with this seed.
  const defaults: GateConfig = { ...strict, rps: 0.03, p95: 0.1 };
  const world = { speed: 0.9, noise: 0.08 / Math.SQRT2, bootSd: 0.054 / Math.SQRT2 };
  const long = { pairs: 1, blocks: 6 };
  const short = count(47, world, defaults, true, 1000, 20);
  const before = count(47, world, defaults, true, 1000, 24, long);
  assert.ok(
    short.regression >= before.regression + 30,
    `short ${JSON.stringify(short)} vs long ${JSON.stringify(before)}`,
  );
  const aa = { ...world, speed: 1 };
  const shortAA = count(48, aa, defaults, true, 2000, 20);
  const beforeAA = count(48, aa, defaults, true, 2000, 24, long);
  // As many as before (82 and 81 of 2,000 with these seeds): under alpha, over the one-sided
  // 2.5%, as the test above says of these boots.
  assert.ok(
    shortAA.regression <= beforeAA.regression + 20,
    `A/A: short ${JSON.stringify(shortAA)} vs long ${JSON.stringify(beforeAA)}`,
  );
  assert.ok(shortAA.regression <= 0.05 * 2000, JSON.stringify(shortAA));
});
