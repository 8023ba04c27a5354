// Seeded simulation of the stored-baseline gate: runs carry a runner-level effect (shared by
// all rounds of a run) plus round-level noise, as on shared CI runners (FIELD-NOTES 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Verdict } from '../../../src/report/types.js';
import { compare } from '../../../src/stats/compare.js';
import {
  currentOf,
  entryOf,
  simulatedRun,
  tallyVerdicts,
  type NoiseModel,
  GATE,
} from './fixtures.js';

const gate = GATE;
const model: NoiseModel = { runnerSd: 0.02, roundSd: 0.02, rounds: 5 };

function verdicts(
  seed: number,
  historyLength: number,
  speed: number,
  trials = 200,
  noise: NoiseModel = model,
): Record<Verdict, number> {
  return tallyVerdicts(seed, trials, (normal) => {
    const baseline = Array.from({ length: historyLength }, () =>
      entryOf(simulatedRun(normal, noise)),
    );
    const current = currentOf(simulatedRun(normal, { ...noise, speed }));
    return compare({ current, baseline, gate }).verdict;
  });
}

test('A/A against a 10-run history: false alarms stay rare (<= 1%)', () => {
  const c = verdicts(101, 10, 1, 1000);
  assert.ok(c.regression <= 10, JSON.stringify(c));
  assert.ok(c.pass > 0, 'a quiet A/A run can also pass');
});

test('A/A against a single baseline run: the assumed spread stays quiet (<= 2 of 200)', () => {
  const c = verdicts(102, 1, 1);
  assert.ok(c.regression <= 2, JSON.stringify(c));
});

test('A/A against 1-2 stored runs at the assumed 5% runner spread: false alarms <= 5%', () => {
  // The runner spread the rule assumes, with noisy rounds: at most alpha (5%) by construction;
  // expected about 2.5% (only slowdowns beyond the tolerance count). 1000 trials each: a
  // binomial(1000, 0.025) exceeds 50 with probability < 1e-6.
  const noisy: NoiseModel = { runnerSd: 0.05, roundSd: 0.05, rounds: 5 };
  for (const [seed, entries] of [
    [111, 1],
    [112, 2],
  ] as const) {
    const c = verdicts(seed, entries, 1, 1000, noisy);
    assert.ok(c.regression <= 50, `${entries} run(s): ${JSON.stringify(c)}`);
  }
});

test('one stored run: a 30% drop is a regression at the assumed runner spread', () => {
  const noisy: NoiseModel = { runnerSd: 0.05, roundSd: 0.03, rounds: 5 };
  const c = verdicts(113, 1, 0.7, 200, noisy);
  assert.ok(c.regression >= 190, JSON.stringify(c));
  assert.equal(c.pass, 0, JSON.stringify(c));
});

test('a 30% slowdown is detected nearly always', () => {
  const c = verdicts(103, 10, 0.7);
  assert.ok(c.regression >= 196, JSON.stringify(c));
  const single = verdicts(104, 1, 0.7);
  assert.ok(single.regression >= 190, JSON.stringify(single));
});

test('a 10% slowdown against a 10-run history is mostly detected at 2% noise', () => {
  const c = verdicts(105, 10, 0.9);
  assert.ok(c.regression >= 170, JSON.stringify(c));
  assert.equal(c.pass, 0, JSON.stringify(c));
});
