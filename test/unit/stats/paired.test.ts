import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RoundMetrics, Verdict } from '../../../src/report/types.js';
import { comparePaired } from '../../../src/stats/compare.js';
import { pairedTest } from '../../../src/stats/paired.js';
import { currentOf, normalSource, GATE } from './fixtures.js';

const gate = GATE;

/**
 * Blocks measured on one runner that drifts (the machine slows down over the job): base and
 * head of the same block share the drift, plus independent noise per measurement.
 */
function blocks(normal: () => number, n: number, speed: number, noise = 0.015) {
  const head: RoundMetrics[] = [];
  const base: RoundMetrics[] = [];
  for (let i = 0; i < n; i++) {
    const drift = -0.04 * i + normal() * 0.05; // big shared drift: cancels within a block
    const at = (s: number): RoundMetrics => {
      const e = drift + normal() * noise;
      return {
        rps: 1000 * s * Math.exp(e),
        p50: (20 / s) * Math.exp(-e),
        p95: (40 / s) * Math.exp(-e + normal() * 0.01),
        p99: (60 / s) * Math.exp(-e),
        errorRate: 0,
      };
    };
    base.push(at(1));
    head.push(at(speed));
  }
  return { head: currentOf(head), base: currentOf(base) };
}

test('pairedTest: log ratios per block, against R t.test(paired = TRUE) on logs', () => {
  const head = [0.9, 0.95, 0.92, 0.97];
  const base = [1, 1, 1, 1];
  const r = pairedTest(head, base, 'log');
  const logs = head.map(Math.log);
  const m = logs.reduce((s, x) => s + x, 0) / 4;
  assert.ok(Math.abs((r?.test?.estimate ?? 0) - m) < 1e-12);
  assert.equal(r?.baselineValue, 1);
  assert.equal(r?.test?.df, 3);
  assert.equal(pairedTest([], [], 'log'), null);
  const flip = pairedTest(head, base, 'log', 'sign-flip');
  assert.equal(flip?.test?.p, 2 / 16); // all four negative: only all-+ and all-- reach the sum
  assert.equal(flip?.test?.low, -Infinity); // 4 blocks cannot reject at 5%
});

test('A/A with heavy drift: interleaving cancels it, no false alarms', () => {
  const normal = normalSource(21);
  const counts: Record<Verdict, number> = {
    pass: 0,
    regression: 0,
    inconclusive: 0,
    'no-baseline': 0,
    error: 0,
  };
  for (let i = 0; i < 300; i++) {
    const { head, base } = blocks(normal, 6, 1);
    counts[comparePaired({ current: head, base, gate }).verdict]++;
  }
  assert.ok(counts.regression <= 3, JSON.stringify(counts));
  assert.ok(counts.pass > 150, JSON.stringify(counts));
});

test('a 10% slowdown is caught by 6 paired blocks despite the drift', () => {
  const normal = normalSource(22);
  let caught = 0;
  for (let i = 0; i < 100; i++) {
    const { head, base } = blocks(normal, 6, 0.9);
    if (comparePaired({ current: head, base, gate }).verdict === 'regression') caught++;
  }
  assert.ok(caught >= 95, `caught ${caught} of 100`);
});

test('sign-flip: too few blocks can never reject; enough consistent blocks do', () => {
  const few = blocks(normalSource(23), 5, 0.8);
  const c = comparePaired({ current: few.head, base: few.base, gate, test: 'sign-flip' });
  assert.equal(c.metrics.rps.verdict, 'inconclusive');
  assert.equal(c.metrics.rps.interval, null); // unbounded interval is not reported as numbers
  const many = blocks(normalSource(24), 10, 0.8);
  const d = comparePaired({ current: many.head, base: many.base, gate, test: 'sign-flip' });
  assert.equal(d.verdict, 'regression');
  assert.match(
    d.summary,
    /^Regression: RPS fell \d+\.\d% \(95% interval .*\) against the base commit in 10 interleaved blocks, beyond the -5\.0% tolerance/,
  );
  assert.equal(d.method, 'paired');
  assert.equal(d.baselineRuns, 10);
});

test('no blocks: no baseline; error ceiling still applies', () => {
  const empty = currentOf([]);
  const head = currentOf([{ rps: 1000, p50: 1, p95: 2, p99: 3, errorRate: 0.05 }]);
  const c = comparePaired({ current: head, base: { ...empty, overall: head.overall }, gate });
  assert.equal(c.method, 'none');
  assert.equal(c.verdict, 'regression');
  assert.equal(c.metrics.errorRate.verdict, 'regression');
});

test('a block where a rare endpoint had no requests on one side drops out of its pairs', () => {
  const m = (rps: number, p95: number): RoundMetrics => ({
    rps,
    p50: p95 / 2,
    p95,
    p99: p95 * 2,
    errorRate: 0,
  });
  const empty = m(0, 0);
  const overall = (n: number) => Array.from({ length: n }, (_, i) => m(1000 + i, 20));
  const rareBase = [m(10, 40), m(11, 41), m(10, 40), m(11, 40), m(10, 41), m(11, 40)];
  const rareHead = [m(10, 40), empty, m(11, 40), m(10, 41), m(11, 40), m(10, 40)];
  const c = comparePaired({
    current: currentOf(overall(6), [
      { name: 'common', rounds: overall(6) },
      { name: 'rare', rounds: rareHead },
    ]),
    base: currentOf(overall(6), [
      { name: 'common', rounds: overall(6) },
      { name: 'rare', rounds: rareBase },
    ]),
    gate,
  });
  const rare = c.endpoints.find((e) => e.name === 'rare')?.metrics;
  for (const metric of ['rps', 'p95'] as const) {
    assert.notEqual(rare?.[metric].verdict, 'regression', metric);
    assert.ok(Math.abs(rare?.[metric].change ?? NaN) < 0.05, metric);
  }
  assert.notEqual(c.verdict, 'regression');
});
