import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  recordMicros,
  type Histogram,
} from '../../../src/load/histogram.js';
import { mergeShardRound, roundOverlap } from '../../../src/load/merge-shards.js';
import { createRng, type Rng } from '../../../src/load/rng.js';
import type { RoundResult } from '../../../src/load/types.js';

const ENDPOINTS = ['GET /a', 'POST /b', 'GET /c'];

interface Sample {
  endpoint: number;
  micros: number;
  error: boolean;
}

/** Latencies over six orders of magnitude, as a heavy-tailed API would give. */
function samples(rng: Rng, n: number): Sample[] {
  return Array.from({ length: n }, () => ({
    endpoint: Math.floor(rng.next() * ENDPOINTS.length),
    micros: Math.exp(rng.next() * Math.log(5_000_000)) + rng.next(),
    error: rng.next() < 0.03,
  }));
}

function histogramOf(list: readonly Sample[]): Histogram {
  const h = createHistogram();
  for (const s of list) recordMicros(h, s.micros);
  return h;
}

/** One round as a shard would report it. */
function round(list: readonly Sample[], startedAt: number, seconds: number): RoundResult {
  const latency = encodeHistogram(histogramOf(list));
  const errors = list.filter((s) => s.error).length;
  return {
    index: 0,
    startedAt,
    seconds,
    requests: list.length,
    errors,
    errorsByKind: errors > 0 ? { 'status:500': errors } : {},
    rps: list.length / seconds,
    latency,
    serviceTime: latency,
    endpoints: ENDPOINTS.map((name, i) => {
      const mine = list.filter((s) => s.endpoint === i);
      const e = mine.filter((s) => s.error).length;
      const l = encodeHistogram(histogramOf(mine));
      return {
        name,
        requests: mine.length,
        errors: e,
        errorsByKind: e > 0 ? { 'status:500': e } : {},
        latency: l,
        serviceTime: l,
      };
    }),
    generator: {
      cpuShare: 0.3,
      eventLoopDelayP99Ms: 2,
      schedulerLagP99Ms: null,
      targetRate: null,
      achievedRate: null,
      maxQueue: null,
      dropped: null,
      bound: false,
      reason: null,
    },
  };
}

/** One histogram of every latency, as a single generator reports it (encoded, then read back). */
function single(list: readonly Sample[]): Histogram {
  return decodeHistogram(encodeHistogram(histogramOf(list)));
}

/** Every percentile from 0 to 100 in steps of 0.25, count, min, max: what the report reads. */
function shape(h: Histogram): number[] {
  const out = [h.totalCount, h.minNonZeroValue, h.maxValue];
  for (let p = 0; p <= 100; p += 0.25) out.push(h.getValueAtPercentile(p));
  return out;
}

test('merging shard histograms equals recording every latency in one histogram (seeded random splits)', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const rng = createRng(seed);
    const all = samples(rng, 200 + Math.floor(rng.next() * 3000));
    const shards = 2 + Math.floor(rng.next() * 4);
    // A random split, uneven on purpose; a shard may even get nothing.
    const parts: Sample[][] = Array.from({ length: shards }, () => []);
    for (const s of all) (parts[Math.floor(rng.next() * shards)] as Sample[]).push(s);
    const merged = mergeShardRound(parts.map((p) => round(p, 1_000_000, 10)));

    assert.deepEqual(shape(decodeHistogram(merged.latency)), shape(single(all)), `seed ${seed}`);
    assert.equal(merged.requests, all.length);
    assert.equal(merged.errors, all.filter((s) => s.error).length);
    assert.equal(merged.errorsByKind['status:500'] ?? 0, merged.errors);
    ENDPOINTS.forEach((name, i) => {
      const ep = merged.endpoints.find((e) => e.name === name);
      const mine = all.filter((s) => s.endpoint === i);
      assert.ok(ep, name);
      assert.equal(ep.requests, mine.length);
      assert.deepEqual(
        shape(decodeHistogram(ep.latency)),
        shape(single(mine)),
        `${name}, seed ${seed}`,
      );
    });
  }
});

test('the merged RPS is the sum of the shards, over their common round length', () => {
  const rng = createRng(7);
  const a = round(samples(rng, 1000), 5_000, 10);
  const b = round(samples(rng, 3000), 5_040, 10.2);
  const merged = mergeShardRound([a, b]);
  assert.equal(merged.seconds, 10.1);
  assert.equal(merged.rps, 4000 / 10.1);
  assert.equal(merged.startedAt, 5_000);
});

test('round overlap: the share of the shortest round all shards ran together', () => {
  const rng = createRng(3);
  const at = (start: number, seconds: number) => round(samples(rng, 10), start, seconds);
  assert.equal(roundOverlap([at(0, 10), at(0, 10)]), 1);
  assert.equal(roundOverlap([at(0, 10), at(2_500, 10)]), 0.75);
  assert.equal(roundOverlap([at(0, 10), at(20_000, 10)]), 0);
});

test('a generator-bound shard makes the merged round bound, naming the shard', () => {
  const rng = createRng(11);
  const ok = round(samples(rng, 100), 0, 10);
  const busy = round(samples(rng, 100), 0, 10);
  busy.generator = {
    ...busy.generator,
    cpuShare: 0.95,
    bound: true,
    reason: 'the generator used 95% of one core (over 80%)',
  };
  const merged = mergeShardRound([ok, busy]);
  assert.equal(merged.generator.bound, true);
  assert.equal(merged.generator.reason, 'shard 2: the generator used 95% of one core (over 80%)');
  assert.equal(merged.generator.cpuShare, 0.95);
});
