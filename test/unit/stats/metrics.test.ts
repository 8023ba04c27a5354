import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  currentFigures,
  endpointOverallMetrics,
  endpointRoundMetrics,
  overallMetrics,
  roundMetrics,
} from '../../../src/stats/metrics.js';
import { roundOf } from './fixtures.js';

const ramp = (n: number, from: number, step: number) =>
  Array.from({ length: n }, (_, i) => from + i * step);

// Round 0: 100 fast requests (1..100 ms); round 1: 100 slow ones (101..200 ms), 4 errors.
const rounds = [
  roundOf(0, 2, [{ name: 'list', ms: ramp(100, 1, 1) }]),
  roundOf(1, 2, [
    { name: 'list', ms: ramp(60, 101, 1) },
    { name: 'health', ms: ramp(40, 161, 1), errors: 4 },
  ]),
];

function near(actual: number, expected: number, what: string) {
  // HDR histograms keep 3 significant digits.
  assert.ok(
    Math.abs(actual - expected) <= expected * 0.002 + 1e-9,
    `${what}: ${actual} vs ${expected}`,
  );
}

test('roundMetrics: rps, percentiles from the round histogram, error rate', () => {
  const m = roundMetrics(rounds[0]!);
  assert.equal(m.rps, 50);
  near(m.p50, 50, 'p50');
  near(m.p95, 95, 'p95');
  near(m.p99, 99, 'p99');
  assert.equal(m.errorRate, 0);
  assert.equal(roundMetrics(rounds[1]!).errorRate, 0.04);
});

test('overallMetrics merges histograms instead of averaging percentiles', () => {
  const o = overallMetrics(rounds);
  assert.equal(o.rps, 200 / 4);
  near(o.p95, 190, 'merged p95'); // 1..200 ms: p95 = 190
  // Averaging the per-round p95s (95 and 195) would give 145.
  assert.notEqual(Math.round(o.p95), 145);
  assert.equal(o.errorRate, 4 / 200);
});

test('per-endpoint rounds keep round order; a missing endpoint counts as empty', () => {
  const per = endpointRoundMetrics(rounds);
  assert.deepEqual([...per.keys()], ['list', 'health']);
  assert.deepEqual(
    per.get('list')?.map((r) => r.rps),
    [50, 30],
  );
  assert.deepEqual(per.get('health')?.[0], { rps: 0, p50: 0, p95: 0, p99: 0, errorRate: 0 });
  assert.equal(per.get('health')?.[1]?.errorRate, 0.1);
  const overall = endpointOverallMetrics(rounds);
  assert.equal(overall.get('list')?.rps, 160 / 4);
  near(overall.get('list')?.p50 ?? 0, 80, 'list p50 over both rounds'); // 1..160 -> 80
});

test('currentFigures bundles overall, rounds and endpoints for compare()', () => {
  const c = currentFigures(rounds);
  assert.equal(c.rounds.length, 2);
  assert.equal(c.endpoints.length, 2);
  assert.equal(c.endpoints[1]?.name, 'health');
  assert.equal(c.endpoints[1]?.overall.errorRate, 0.1);
  assert.equal(c.overall.rps, 50);
});

test('a round without requests gives zeros, not NaN', () => {
  const empty = roundOf(0, 1, [{ name: 'x', ms: [] }]);
  assert.deepEqual(roundMetrics(empty), { rps: 0, p50: 0, p95: 0, p99: 0, errorRate: 0 });
});
