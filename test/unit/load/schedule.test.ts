import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Schedule, meanRate, roundProfile, spanCount } from '../../../src/load/schedule.js';
import { phasesOf, runSchedule } from '../../../src/load/phases.js';
import type { LoadConfig } from '../../../src/config/types.js';

const close = (a: number, b: number, eps = 1e-6) =>
  assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);

test('a constant rate puts request i at i / rate', () => {
  const s = new Schedule([{ durationMs: 1000, fromRate: 200, toRate: 200 }]);
  assert.equal(s.total, 200);
  close(s.dueTime(0), 0);
  close(s.dueTime(1), 5);
  close(s.dueTime(199), 995);
  assert.equal(s.dueTime(200), Infinity);
  assert.equal(s.dueBy(0), 1);
  assert.equal(s.dueBy(4.99), 1);
  assert.equal(s.dueBy(5), 2);
  assert.equal(s.dueBy(10_000), 200);
  assert.equal(s.dueBy(-1), 0);
});

test('a ramp from 0 holds half the requests of its peak rate, front-loaded late', () => {
  const s = new Schedule([{ durationMs: 2000, fromRate: 0, toRate: 100 }]);
  assert.equal(s.total, 100);
  // N(t) = 100 * t^2 / (2 * 2000 * 1000) -> request 25 due at t = 1000 ms.
  close(s.dueTime(25), 1000, 1e-6);
  let prev = -1;
  for (let i = 0; i < s.total; i++) {
    const t = s.dueTime(i);
    assert.ok(t > prev || i === 0, 'due times increase');
    close(s.countAt(t), i, 1e-6);
    prev = t;
  }
});

test('segments chain: counts carry over and the inverse stays exact across them', () => {
  const spans = [
    { durationMs: 500, fromRate: 100, toRate: 100 },
    { durationMs: 500, fromRate: 100, toRate: 300 },
    { durationMs: 500, fromRate: 0, toRate: 0 },
    { durationMs: 500, fromRate: 300, toRate: 300 },
  ];
  const s = new Schedule(spans);
  assert.equal(s.total, Math.ceil(spans.reduce((n, sp) => n + spanCount(sp), 0)));
  assert.equal(s.total, 50 + 100 + 0 + 150);
  for (const i of [0, 49, 50, 120, 149, 150, 151, 299]) close(s.countAt(s.dueTime(i)), i, 1e-6);
  // Nothing is due during the idle segment: request 150 waits for the last one to begin.
  close(s.dueTime(150), 1500);
  // Asking backwards after forwards still works (cursor + binary search).
  close(s.dueTime(10), 100);
});

test('round profiles: stages ramp from rate (or 0), threads get a share; warm-up at the mean rate', () => {
  const load = {
    rate: null,
    stages: [
      { durationMs: 1000, rate: 100 },
      { durationMs: 1000, rate: 100 },
    ],
    durationMs: 2000,
  };
  const p = roundProfile(load, 0.5);
  assert.deepEqual(p, [
    { durationMs: 1000, fromRate: 0, toRate: 50 },
    { durationMs: 1000, fromRate: 50, toRate: 50 },
  ]);
  close(meanRate(p), 37.5);
  const cfg = { ...load, warmupMs: 1000, rounds: 2 } as unknown as LoadConfig;
  const s = runSchedule(cfg, 1);
  // warm-up 1 s at 75/s, then two rounds of 50 + 100.
  assert.equal(s.total, 75 + 2 * 150);
  assert.deepEqual(
    phasesOf(cfg).map((ph) => [ph.kind, ph.startMs, ph.endMs]),
    [
      ['warmup', 0, 1000],
      ['round', 1000, 3000],
      ['round', 3000, 5000],
    ],
  );
});
