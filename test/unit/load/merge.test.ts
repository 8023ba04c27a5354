import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RoundRecorder } from '../../../src/load/recorder.js';
import { mergeRound } from '../../../src/load/merge.js';
import type { RoundPartial } from '../../../src/load/engine.js';
import {
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  recordMicros,
  summarize,
} from '../../../src/load/histogram.js';

function partial(rec: RoundRecorder, over: Partial<RoundPartial> = {}): RoundPartial {
  return {
    index: 0,
    startedAt: 1000,
    seconds: 2,
    recorded: rec.finish(),
    generator: { cpuShare: 0.3, eventLoopDelayP99Ms: 1 },
    open: null,
    ...over,
  };
}

test('a recorded round encodes histograms that decode to the same counts and percentiles', () => {
  const rec = new RoundRecorder(['a', 'b'], true);
  for (let i = 1; i <= 1000; i++) rec.answered(i % 2, i * 100, i * 10, null);
  rec.answered(0, 5000, 500, 'status:500');
  rec.failed(1, 'timeout', 3);
  const r = rec.finish();
  assert.equal(r.requests, 1004);
  assert.equal(r.errors, 4);
  assert.deepEqual(r.errorsByKind, { 'status:500': 1, timeout: 3 });
  const lat = decodeHistogram(r.latency);
  assert.equal(lat.totalCount, 1001, 'timeouts have no latency');
  const s = summarize(lat);
  assert.ok(Math.abs(s.p50Ms - 50) / 50 < 0.01, `p50 ${s.p50Ms}`);
  assert.ok(Math.abs(summarize(decodeHistogram(r.serviceTime)).p50Ms - 5) / 5 < 0.01);
  assert.deepEqual(
    r.endpoints.map((e) => [e.name, e.requests, e.errors]),
    [
      ['a', 501, 1],
      ['b', 503, 3],
    ],
  );
  // Closed model: service time is the latency itself.
  const closed = new RoundRecorder(['a'], false);
  closed.answered(0, 100, 100, null);
  const c = closed.finish();
  assert.equal(c.serviceTime, c.latency);
});

test('threads merge exactly: counts add up and histograms hold every sample', () => {
  const a = new RoundRecorder(['x'], false);
  const b = new RoundRecorder(['x'], false);
  for (let i = 0; i < 300; i++) a.answered(0, 1000, 1000, null);
  for (let i = 0; i < 100; i++) b.answered(0, 9000, 9000, i < 10 ? 'check-failed' : null);
  const m = mergeRound([partial(a), partial(b, { startedAt: 900, seconds: 2.1 })], {
    model: 'closed',
    threads: 2,
  });
  assert.equal(m.requests, 400);
  assert.equal(m.errors, 10);
  assert.deepEqual(m.errorsByKind, { 'check-failed': 10 });
  assert.equal(m.startedAt, 900);
  assert.equal(m.seconds, 2.1);
  assert.ok(Math.abs(m.rps - 400 / 2.1) < 1e-9);
  const h = decodeHistogram(m.latency);
  assert.equal(h.totalCount, 400);
  assert.ok(Math.abs(h.getValueAtPercentile(70) - 1000) <= 1);
  assert.ok(Math.abs(h.getValueAtPercentile(80) - 9000) <= 9);
  assert.equal(decodeHistogram(m.endpoints[0]!.latency).totalCount, 400);
  assert.equal(m.generator.bound, false);
  assert.equal(m.generator.targetRate, null);
});

test('generator-bound: CPU over 80% of the cores of its threads', () => {
  const rec = () => new RoundRecorder(['x'], false);
  const busy = mergeRound(
    [partial(rec(), { generator: { cpuShare: 0.93, eventLoopDelayP99Ms: 2 } })],
    { model: 'closed', threads: 1 },
  );
  assert.equal(busy.generator.bound, true);
  assert.match(busy.generator.reason ?? '', /93% of one core/);
  const two = mergeRound(
    [partial(rec(), { generator: { cpuShare: 1.2, eventLoopDelayP99Ms: 2 } })],
    { model: 'closed', threads: 2 },
  );
  assert.equal(two.generator.bound, false);
});

test('open model: rates from due counts; a shortfall is blamed on the generator only when it ran late', () => {
  const lag = (ms: number) => {
    const h = createHistogram();
    for (let i = 0; i < 100; i++) recordMicros(h, ms * 1000);
    return encodeHistogram(h);
  };
  const round = (lagMs: number) => {
    const rec = new RoundRecorder(['x'], true);
    for (let i = 0; i < 150; i++) rec.answered(0, 2000, 1000, null);
    return mergeRound(
      [
        partial(rec, {
          seconds: 1,
          open: { due: 200, maxQueue: 40, dropped: 5, schedulerLag: lag(lagMs) },
        }),
      ],
      {
        model: 'open',
        threads: 1,
      },
    );
  };
  const slowApi = round(1);
  assert.equal(slowApi.generator.targetRate, 200);
  assert.equal(slowApi.generator.achievedRate, 150);
  assert.equal(slowApi.generator.maxQueue, 40);
  assert.equal(slowApi.generator.dropped, 5);
  assert.ok(Math.abs((slowApi.generator.schedulerLagP99Ms ?? 0) - 1) < 0.01);
  assert.equal(slowApi.generator.bound, false);
  const lateScheduler = round(30);
  assert.equal(lateScheduler.generator.bound, true);
  assert.match(
    lateScheduler.generator.reason ?? '',
    /achieved 150\.0 of 200\.0 req\/s .*timer lag p99 30\.0 ms/,
  );
});
