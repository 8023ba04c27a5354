// Sequential A/B (stats/sequential.ts): the spending function, and seeded simulations of the
// whole procedure (planned blocks, then more while undecided) against the same looks taken
// naively at 5% each. Seeded: every count below is the same on every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GateConfig } from '../../../src/config/types.js';
import type { RoundMetrics, Verdict } from '../../../src/report/types.js';
import { comparePaired } from '../../../src/stats/compare.js';
import { lookAlpha, lookAlphas, spentAlpha } from '../../../src/stats/sequential.js';
import { currentOf, tallyVerdicts } from './fixtures.js';

test('spending: nothing at the start, all of alpha at the end, more at every look', () => {
  assert.equal(spentAlpha(0.05, 0), 0);
  assert.ok(Math.abs(spentAlpha(0.05, 1) - 0.05) < 1e-15);
  assert.equal(spentAlpha(0.05, 2), spentAlpha(0.05, 1), 'capped at the end');
  const levels = lookAlphas(0.05, [10, 14, 18, 22], 22);
  assert.ok(levels.every((a) => a > 0));
  assert.ok(Math.abs(levels.reduce((s, a) => s + a, 0) - 0.05) < 1e-15, 'they add up to alpha');
  // Pocock-type: the planned look keeps over half of alpha when it is under half the maximum.
  assert.ok((levels[0] ?? 0) > 0.025, `first look ${levels[0]}`);
  assert.equal(lookAlpha(0.05, 0, 10, 10), 0.05, 'no room for more blocks: the plain level');
  assert.throws(() => lookAlpha(0.05, 10, 10, 22), /looks at 10 then 10/);
  assert.throws(() => lookAlpha(0.05, 0, 24, 22), /of at most 22/);
});

/** Tolerances of 0: any significant slowdown is a regression, so alpha itself is on trial. */
const strict: GateConfig = { rps: 0, p95: 0, errors: 0.01, failOn: 'regression', maxTimeMs: 0 };
const usual: GateConfig = { ...strict, rps: 0.05, p95: 0.1 };

/** One block's pair: shared drift, plus independent noise per side (log scale). */
function block(normal: () => number, speed: number, noise: number): [RoundMetrics, RoundMetrics] {
  const drift = normal() * 0.05;
  const at = (s: number): RoundMetrics => {
    const e = drift + normal() * noise;
    return {
      rps: 1000 * s * Math.exp(e),
      p50: 20 / s,
      p95: (40 / s) * Math.exp(-e),
      p99: 60 / s,
      errorRate: 0,
    };
  };
  return [at(1), at(speed)];
}

interface Procedure {
  first: number;
  stage: number;
  max: number;
  /** Level of the look after `blocks` blocks (previous look after `previous`). */
  level(previous: number, blocks: number): number;
}

const spending: Procedure = {
  first: 10,
  stage: 4,
  max: 22,
  level: (previous, blocks) => lookAlpha(0.05, previous, blocks, 22),
};
const naive: Procedure = { ...spending, level: () => 0.05 };
/** The planned blocks only, at the plain level: what A/B did before the sequential extension. */
const fixed: Procedure = { ...spending, max: 10, level: () => 0.05 };

function trial(
  normal: () => number,
  p: Procedure,
  speed: number,
  noise: number,
  gate: GateConfig,
): Verdict {
  const base: RoundMetrics[] = [];
  const head: RoundMetrics[] = [];
  let previous = 0;
  let blocks = p.first;
  for (;;) {
    while (base.length < blocks) {
      const [b, h] = block(normal, speed, noise);
      base.push(b);
      head.push(h);
    }
    const c = comparePaired({
      current: currentOf(head),
      base: currentOf(base),
      gate,
      alpha: p.level(previous, blocks),
    });
    if (c.verdict !== 'inconclusive' || blocks + p.stage > p.max) return c.verdict;
    previous = blocks;
    blocks += p.stage;
  }
}

function count(
  seed: number,
  p: Procedure,
  speed: number,
  noise: number,
  gate: GateConfig,
  trials: number,
) {
  return tallyVerdicts(seed, trials, (normal) => trial(normal, p, speed, noise, gate));
}

test('A/A: the looks together keep false alarms under alpha; naive looks at 5% each do not', () => {
  // With no tolerance every significant slowdown counts, so this measures the procedure's
  // false-alarm rate itself (a regression needs the slow side: at most about alpha / 2).
  const withSpending = count(31, spending, 1, 0.03, strict, 2000);
  const naiveLooks = count(31, naive, 1, 0.03, strict, 2000);
  assert.ok(withSpending.regression <= 0.035 * 2000, JSON.stringify(withSpending));
  assert.ok(naiveLooks.regression > withSpending.regression, JSON.stringify(naiveLooks));
});

test('A/A at the usual tolerances on a noisy runner: false alarms stay under 1%', () => {
  // 6% noise per round: the planned blocks leave most runs undecided, the extension decides
  // most of them as pass, and a slowdown beyond the tolerance stays rare.
  const c = count(32, spending, 1, 0.06, usual, 500);
  assert.ok(c.regression <= 5, JSON.stringify(c));
  assert.ok(c.pass >= 350, JSON.stringify(c));
});

test('a 10% slowdown on a noisy runner: more blocks decide what the planned ones left open', () => {
  // 8% noise per round: 10 blocks often leave -10% undecided next to a 5% tolerance.
  const planned = count(33, fixed, 0.9, 0.08, usual, 500);
  const extended = count(33, spending, 0.9, 0.08, usual, 500);
  assert.ok(planned.inconclusive >= 150, `the planned blocks alone: ${JSON.stringify(planned)}`);
  assert.ok(extended.regression >= 400, `sequential: ${JSON.stringify(extended)}`);
  assert.ok(extended.inconclusive < planned.inconclusive / 2, JSON.stringify(extended));
  assert.equal(extended.pass, 0);
});
