import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sample } from '../../../src/supervisor/types.js';
import {
  cpuPerWorker,
  memoryPeak,
  sweepPoint,
  concurrencyPoint,
} from '../../../src/sweep/point.js';
import { idleWorkers, isUneven, mostEven } from '../../../src/sweep/balance.js';
import { findKnee } from '../../../src/sweep/knee.js';
import { point, round } from './fixtures.js';

const MiB = 1024 * 1024;

function sample(
  at: number,
  procs: [pid: number, worker: number | null, cpu: number, rssMiB: number, pssMiB: number | null][],
): Sample {
  return {
    at,
    system: { cpu: 0.8, steal: 0 },
    processes: procs.map(([pid, worker, cpu, rss, pss]) => ({
      pid,
      worker,
      cpu,
      rssBytes: rss * MiB,
      pssBytes: pss === null ? null : pss * MiB,
    })),
  };
}

test('CPU per worker: mean over samples by worker index; the master is not a worker', () => {
  const samples = [
    sample(1, [
      [10, null, 0.02, 40, 20],
      [11, 0, 0.8, 60, 30],
      [12, 1, 0.4, 60, 30],
    ]),
    sample(2, [
      [10, null, 0.02, 40, 20],
      [11, 0, 1.0, 60, 30],
      [12, 1, 0.2, 60, 30],
    ]),
  ];
  const cpu = cpuPerWorker(samples);
  assert.equal(cpu.length, 2);
  assert.ok(Math.abs((cpu[0] ?? 0) - 0.9) < 1e-9);
  assert.ok(Math.abs((cpu[1] ?? 0) - 0.3) < 1e-9);
  assert.deepEqual(cpuPerWorker([]), []);
});

test('memory: peak of the PSS sum when every process has PSS, else of the RSS sum', () => {
  const pss = memoryPeak([
    sample(1, [
      [1, null, 0, 40, 20],
      [2, 0, 0, 60, 30],
    ]),
    sample(2, [
      [1, null, 0, 40, 20],
      [2, 0, 0, 70, 35],
    ]),
  ]);
  assert.deepEqual(pss, { memoryBytes: 55 * MiB, memoryKind: 'pss', rssBytes: 110 * MiB });
  const rss = memoryPeak([
    sample(1, [
      [1, null, 0, 40, null],
      [2, 0, 0, 60, 30],
    ]),
  ]);
  assert.equal(rss.memoryKind, 'rss');
  assert.equal(rss.memoryBytes, 100 * MiB);
});

test('a point from rounds and the server record', () => {
  const rounds = [
    round(0, 1000, 5),
    round(1, 3000, 5, {
      generator: { ...round(1, 0, 1).generator, bound: true, reason: 'cpu 95%', cpuShare: 0.9 },
    }),
  ];
  const p = sweepPoint(2, rounds, {
    mode: 'self',
    workerCount: 2,
    mainPids: [10],
    events: [
      { kind: 'ready', at: 1, ms: 1234, workers: 2 },
      {
        kind: 'crash',
        at: 2,
        worker: 1,
        pid: 12,
        exitCode: 1,
        signal: null,
        recoveryMs: 100,
        lastLines: [],
      },
    ],
    samples: [
      sample(1, [
        [11, 0, 0.5, 60, 30],
        [12, 1, 0.5, 60, 30],
      ]),
    ],
  });
  assert.equal(p.rps, 2000);
  assert.deepEqual(p.roundRps, [1000, 3000]);
  assert.ok(p.p95 > 4.9 && p.p95 < 5.1);
  assert.equal(p.generatorBound, true);
  assert.equal(p.generatorNote, 'cpu 95%');
  assert.ok(Math.abs(p.generatorCpu - 0.65) < 1e-9);
  assert.equal(p.readyMs, 1234);
  assert.equal(p.crashes, 1);
  assert.equal(p.serverCpu, 1);
  assert.equal(p.systemCpu, 0.8);
  assert.equal(p.failure, null);
});

test('idle workers and uneven boots', () => {
  assert.equal(idleWorkers([0.9, 0]), 1);
  assert.equal(idleWorkers([0.5, 0.45]), 0);
  assert.equal(idleWorkers([0.4, 0.4, 0.4, 0.4, 0.05]), 1);
  const lopsided = point(2, 1000, 10, { cpuPerWorker: [0.9, 0], serverCpu: 0.9, systemCpu: 0.5 });
  assert.equal(isUneven(lopsided, 2, true), true);
  // The machine was busy anyway (others, the generator): idle workers cost nothing there.
  assert.equal(isUneven({ ...lopsided, systemCpu: 0.95 }, 2, true), false);
  // Pinned: the server's own CPU use against its CPUs.
  assert.equal(isUneven({ ...lopsided, systemCpu: 1 }, 2, false), true);
  assert.equal(isUneven({ ...lopsided, cpuPerWorker: [0.5, 0.45] }, 2, true), false);
  assert.equal(isUneven(point(1, 1000, 10, { systemCpu: 0.1 }), 2, true), false);
  const a = point(2, 1000, 10, { serverCpu: 0.9 });
  const b = point(2, 1900, 10, { serverCpu: 1.8 });
  assert.equal(mostEven([a, b]), b);
});

test('knee: where RPS stops rising and latency climbs', () => {
  const levels = [
    [1, 800, 1.3],
    [8, 3500, 2.5],
    [32, 3900, 9],
    [64, 3950, 18],
    [128, 3900, 36],
  ].map(([c, rps, p95]) => ({
    ...concurrencyPoint(c as number, [round(0, rps as number, 1)]),
    rps: rps as number,
    p95: p95 as number,
  }));
  const k = findKnee(levels, 0.01);
  assert.equal(k.knee, 32);
  assert.match(k.reason, /RPS levels off at 32 connections/);
  const rising = findKnee(levels.slice(0, 2), 0.01);
  assert.equal(rising.knee, null);
  assert.match(rising.reason, /No knee up to 8 connections/);
  assert.equal(findKnee([concurrencyPoint(4, null, 'boom')], 0.01).knee, null);
});
