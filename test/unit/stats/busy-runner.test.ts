import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RoundMetrics } from '../../../src/report/types.js';
import { busyRunnerWarning } from '../../../src/stats/busy-runner.js';
import { entryOf } from './fixtures.js';

const rounds = (...rps: number[]): RoundMetrics[] =>
  rps.map((v) => ({ rps: v, p50: 2, p95: 6, p99: 9, errorRate: 0 }));
// Stored runs whose rounds were steady: RPS spread about 0.5-1%.
const history = [
  entryOf(rounds(5000, 5040, 4980, 5010, 5030)),
  entryOf(rounds(4950, 5000, 5060, 4990, 5010)),
  entryOf(rounds(5020, 4990, 5000, 5080, 4970)),
];

test('a run far noisier than the stored runs is flagged with both spreads', () => {
  const busy = rounds(5000, 4400, 5050, 4300, 4950); // spread about 7.6%
  const w = busyRunnerWarning(busy, history);
  assert.match(
    w ?? '',
    /^this run's rounds varied far more than the stored runs' \(RPS spread between rounds 7\.\d% against a median of 0\.\d% in 3 stored run\(s\)\): the runner was probably busy/,
  );
});

test('steady rounds, a spread under the floor, or nothing to compare with: no warning', () => {
  assert.equal(busyRunnerWarning(rounds(5000, 5030, 4990, 5020, 4980), history), null);
  // 3 x the history's spread but still under 3%: rounds this steady are not a busy runner.
  assert.equal(busyRunnerWarning(rounds(5000, 5100, 4900, 5120, 4880), history), null);
  assert.equal(busyRunnerWarning(rounds(5000, 4400, 5050), []), null);
  assert.equal(busyRunnerWarning(rounds(5000), history), null, 'one round has no spread');
});

test('noisy stored runs raise the bar: the same spread is then usual', () => {
  const noisyHistory = [
    entryOf(rounds(5000, 4400, 5050, 4300, 4950)),
    entryOf(rounds(4800, 5200, 4500, 5100, 4700)),
  ];
  assert.equal(busyRunnerWarning(rounds(5000, 4400, 5050, 4300, 4950), noisyHistory), null);
});
