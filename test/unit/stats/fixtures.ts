// Synthetic data for the stats tests: engine rounds with real HDR histograms, and seeded
// runs of per-round metrics with runner-level and round-level noise.
import type { BaselineEntry } from '../../../src/baseline/types.js';
import type { GateConfig } from '../../../src/config/types.js';
import type { EndpointRound, RoundResult } from '../../../src/load/types.js';
import type { RoundMetrics, RunnerFingerprint, Verdict } from '../../../src/report/types.js';
import { createHistogram, encodeHistogram, recordMicros } from '../../../src/load/histogram.js';
import { seededRandom } from '../../../src/stats/resampling.js';
import type { CurrentRun } from '../../../src/stats/compare.js';

export function encodedLatencies(ms: readonly number[]): string {
  const h = createHistogram();
  for (const v of ms) recordMicros(h, v * 1000);
  return encodeHistogram(h);
}

export function endpointRound(name: string, ms: readonly number[], errors = 0): EndpointRound {
  const latency = encodedLatencies(ms);
  return {
    name,
    requests: ms.length,
    errors,
    errorsByKind: errors ? { 'status:500': errors } : {},
    latency,
    serviceTime: latency,
  };
}

export function round(index: number, seconds: number, endpoints: EndpointRound[]): RoundResult {
  const requests = endpoints.reduce((s, e) => s + e.requests, 0);
  const errors = endpoints.reduce((s, e) => s + e.errors, 0);
  return {
    index,
    startedAt: 1_700_000_000_000 + index * 1000,
    seconds,
    requests,
    errors,
    errorsByKind: {},
    rps: requests / seconds,
    latency: '', // filled below
    serviceTime: '',
    endpoints,
    generator: {
      cpuShare: 0.5,
      eventLoopDelayP99Ms: 1,
      schedulerLagP99Ms: null,
      targetRate: null,
      achievedRate: null,
      maxQueue: null,
      bound: false,
      reason: null,
    },
  };
}

/** A round whose overall histogram holds the union of the endpoints' latencies. */
export function roundOf(
  index: number,
  seconds: number,
  parts: { name: string; ms: number[]; errors?: number }[],
): RoundResult {
  const r = round(
    index,
    seconds,
    parts.map((p) => endpointRound(p.name, p.ms, p.errors ?? 0)),
  );
  r.latency = encodedLatencies(parts.flatMap((p) => p.ms));
  r.serviceTime = r.latency;
  return r;
}

export const RUNNER: RunnerFingerprint = {
  cpuModel: 'Test CPU @ 2.0GHz',
  cores: 2,
  os: 'linux 6.1',
  node: 'v20.20.2',
};

export function normalSource(seed: number): () => number {
  const rnd = seededRandom(seed);
  return () => {
    const u = 1 - rnd();
    const v = rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export interface NoiseModel {
  runnerSd: number;
  roundSd: number;
  rounds: number;
  /** Multiplies throughput (0.7 = 30% slower); latency scales by its inverse. */
  speed?: number;
  errorRate?: number;
}

/** One run's per-round figures: a runner effect shared by the run plus per-round noise. */
export function simulatedRun(normal: () => number, m: NoiseModel): RoundMetrics[] {
  const speed = m.speed ?? 1;
  const runner = normal() * m.runnerSd;
  return Array.from({ length: m.rounds }, () => {
    const e = runner + normal() * m.roundSd;
    return {
      rps: 1000 * speed * Math.exp(e),
      p50: (20 / speed) * Math.exp(-e + normal() * 0.01),
      p95: (40 / speed) * Math.exp(-e + normal() * 0.02),
      p99: (60 / speed) * Math.exp(-e + normal() * 0.04),
      errorRate: m.errorRate ?? 0,
    };
  });
}

export function entryOf(
  rounds: RoundMetrics[],
  endpoints: { name: string; rounds: RoundMetrics[] }[] = [],
  over: Partial<BaselineEntry> = {},
): BaselineEntry {
  return {
    createdAt: '2026-11-01T00:00:00.000Z',
    commit: null,
    scenarioHash: 'scenario-1',
    runner: RUNNER,
    versions: { loadgate: '0.1.0' },
    quantileMethod: 'simple-statistics@7.12.1 R-7 linear',
    rounds,
    endpoints,
    histogram: '',
    ...over,
  };
}

function geoMean(rs: RoundMetrics[], k: keyof RoundMetrics): number {
  return k === 'errorRate'
    ? rs.reduce((s, r) => s + r[k], 0) / rs.length
    : Math.exp(rs.reduce((s, r) => s + Math.log(r[k]), 0) / rs.length);
}

/** A current run from per-round figures (overall ≈ the rounds' centre). */
export function currentOf(
  rounds: RoundMetrics[],
  endpoints: { name: string; rounds: RoundMetrics[] }[] = [],
): CurrentRun {
  const overall = (rs: RoundMetrics[]): RoundMetrics => ({
    rps: geoMean(rs, 'rps'),
    p50: geoMean(rs, 'p50'),
    p95: geoMean(rs, 'p95'),
    p99: geoMean(rs, 'p99'),
    errorRate: geoMean(rs, 'errorRate'),
  });
  return {
    overall: overall(rounds),
    rounds,
    endpoints: endpoints.map((e) => ({
      name: e.name,
      overall: overall(e.rounds),
      rounds: e.rounds,
    })),
  };
}

/** loadgate's default gate: RPS -5%, p95 +10%, errors 1%. */
export const GATE: GateConfig = {
  rps: 0.05,
  p95: 0.1,
  errors: 0.01,
  failOn: 'regression',
  maxTimeMs: 180_000,
};

/** Verdicts of `trials` seeded trials, counted (the simulations' tally). */
export function tallyVerdicts(
  seed: number,
  trials: number,
  trial: (normal: () => number) => Verdict,
): Record<Verdict, number> {
  const normal = normalSource(seed);
  const out: Record<Verdict, number> = {
    pass: 0,
    regression: 0,
    inconclusive: 0,
    'no-baseline': 0,
    error: 0,
  };
  for (let i = 0; i < trials; i++) out[trial(normal)]++;
  return out;
}
