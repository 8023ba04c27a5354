/** Sweep points and engine rounds as plain data, for the sweep's pure tests. */
import { createHistogram, encodeHistogram, recordMicros } from '../../../src/load/histogram.js';
import type { RoundResult } from '../../../src/load/types.js';
import type { SweepPoint, SweepReport } from '../../../src/sweep/types.js';

/** A measured point: RPS and p95 as given, workers sharing the CPU evenly, no trouble. */
export function point(
  workers: number,
  rps: number,
  p95: number,
  extra: Partial<SweepPoint> = {},
): SweepPoint {
  return {
    workers,
    rps,
    p50: p95 / 2,
    p95,
    p99: p95 * 1.5,
    errorRate: 0,
    requests: Math.round(rps * 10),
    errors: 0,
    roundRps: [rps, rps],
    cpuPerWorker: Array.from({ length: workers }, () => 0.9),
    serverCpu: 0.9 * workers,
    memoryBytes: workers * 30 * 1024 * 1024,
    memoryKind: 'pss',
    rssBytes: workers * 60 * 1024 * 1024,
    generatorBound: false,
    generatorNote: null,
    generatorCpu: 0.3,
    systemCpu: 0.95,
    crashes: 0,
    readyMs: 800,
    failure: null,
    attempts: 1,
    uneven: false,
    ...extra,
  };
}

/** A curve from [workers, rps, p95] triples. */
export function curve(rows: [number, number, number][]): SweepPoint[] {
  return rows.map(([w, rps, p95]) => point(w, rps, p95));
}

/** An engine round: `requests` over `seconds`, every latency `ms`. */
export function round(
  index: number,
  requests: number,
  ms: number,
  extra: Partial<RoundResult> = {},
): RoundResult {
  const h = createHistogram();
  for (let i = 0; i < 100; i++) recordMicros(h, ms * 1000);
  const latency = encodeHistogram(h);
  return {
    index,
    startedAt: 1_000_000 + index * 1000,
    seconds: 1,
    requests,
    errors: 0,
    errorsByKind: {},
    rps: requests,
    latency,
    serviceTime: latency,
    endpoints: [],
    generator: {
      cpuShare: 0.4,
      eventLoopDelayP99Ms: 1,
      schedulerLagP99Ms: null,
      targetRate: null,
      achievedRate: null,
      maxQueue: null,
      bound: false,
      reason: null,
    },
    ...extra,
  };
}

export function report(points: SweepPoint[], extra: Partial<SweepReport> = {}): SweepReport {
  return {
    schema: 1,
    kind: 'sweep',
    name: 'items-api',
    createdAt: '2026-01-02T03:04:05.000Z',
    command: 'gunicorn app:app -w {workers} --bind 127.0.0.1:$PORT',
    mode: 'self',
    load: {
      model: 'closed',
      connections: 32,
      rate: null,
      rounds: 3,
      durationMs: 5000,
      warmupMs: 2000,
    },
    tolerance: { rpsBand: 0.05, p95: 0.1, errors: 0.01 },
    points,
    recommendation: {
      workers: 2,
      reason: 'CPU-bound: RPS flat after 2 workers on 2 cores.',
      shape: 'cpu-bound',
    },
    concurrency: null,
    cpus: [0, 1],
    pinned: false,
    hostCpus: [0, 1],
    runner: { cpuModel: 'Test CPU', cores: 2, os: 'Linux', node: 'v20.0.0' },
    versions: { loadgate: '0.1.0' },
    warnings: [],
    ...extra,
  };
}
