import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abReport } from '../../../src/pipeline/ab/report-ab.js';
import type { ABMeasurement } from '../../../src/pipeline/ab/measure-ab.js';
import { planAB } from '../../../src/pipeline/ab/plan.js';
import type { ServerRecord } from '../../../src/pipeline/server-report.js';
import type { RoundResult } from '../../../src/load/types.js';
import { parse, minimal } from '../config/helpers.js';
import { roundOf, RUNNER } from '../stats/fixtures.js';

const config = parse(minimal('gate: { rps: -5%, p95: +10% }\n'));
const plan = planAB(config.load, { blocks: 6, roundMs: 5000 });

/** `blocks` rounds of 1 s whose request count (RPS) and latencies follow `speed`, with a little jitter. */
function rounds(speed: number, jitter: number[]): RoundResult[] {
  return jitter.map((j, i) => {
    const n = Math.round(200 * speed * (1 + j));
    return roundOf(i, 1, [
      { name: 'GET /api/items', ms: Array.from({ length: n }, (_, k) => (5 + (k % 10)) / speed) },
    ]);
  });
}

function record(crashes = 0): ServerRecord {
  return {
    mode: 'spawn',
    workerCount: 1,
    mainPids: [100],
    samples: [],
    events: Array.from({ length: crashes }, (_, i) => ({
      kind: 'crash' as const,
      at: i,
      worker: 0,
      pid: 100 + i,
      exitCode: 1,
      signal: null,
      recoveryMs: 50,
      lastLines: [],
    })),
  };
}

const jitterA = [0.01, -0.01, 0.02, 0, -0.02, 0.01];
const jitterB = [0, 0.01, -0.01, 0.02, 0, -0.01];

function measured(headSpeed: number, baseCrashes = 0): ABMeasurement {
  return {
    base: { rounds: rounds(1, jitterA), server: record(baseCrashes) },
    head: { rounds: rounds(headSpeed, jitterB), server: record() },
    looks: [{ blocks: 6, alpha: 0.05 }],
    maxBlocks: 6,
    bootPairs: [{ base: [], head: [] }],
    stageSeconds: 40,
  };
}

function build(m: ABMeasurement) {
  return abReport({
    config,
    plan,
    measured: m,
    baseCommit: 'b'.repeat(40),
    history: [],
    warnings: ['from the base config'],
    runner: RUNNER,
    versions: { loadgate: '0.1.0' },
    createdAt: new Date('2026-11-02T00:00:00Z'),
    commit: 'c'.repeat(40),
  });
}

test('a head 20% slower than its base in every block is a regression, with the base as baseline', () => {
  const { report, figures } = build(measured(0.8));
  assert.equal(report.verdict, 'regression', report.summary);
  assert.match(report.summary, /against the base commit in 6 interleaved blocks/);
  assert.ok(
    Math.abs((report.metrics.rps.change ?? 0) + 0.2) < 0.03,
    `${report.metrics.rps.change}`,
  );
  assert.deepEqual(report.baseline, {
    entries: 6,
    commit: 'b'.repeat(40),
    createdAt: '2026-11-02T00:00:00.000Z',
    sameRunner: true,
    note: `same-runner A/B against ${'b'.repeat(12)}, 6 blocks ABBA in 1 boot pair (rounds of 5s)`,
  });
  assert.equal(report.load.rounds, 6, 'the report states the rounds actually run');
  assert.equal(report.load.durationMs, plan.roundMs);
  assert.equal(figures.rounds.length, 6);
  assert.deepEqual(report.warnings, ['from the base config']);
});

test('the same speed on both sides passes', () => {
  const { report } = build(measured(1));
  assert.equal(report.verdict, 'pass', report.summary);
});

test("the base's worker crashes are a warning, not the head's crashes", () => {
  const { report } = build(measured(1, 2));
  assert.ok(report.warnings.some((w) => /base's server had 2 worker crash/.test(w)));
  assert.deepEqual(report.server?.crashes, []);
});
