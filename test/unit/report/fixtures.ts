/**
 * Fixture Reports for the renderer tests and the comment screenshot: realistic figures, real
 * encoded HDR histograms, deterministic (a seeded generator, no clock).
 */
import {
  createHistogram,
  encodeHistogram,
  recordMicros,
  summarize,
} from '../../../src/load/histogram.js';
import type {
  EndpointReport,
  MetricResult,
  MetricSet,
  Report,
  RoundReport,
  ServerReport,
  Verdict,
} from '../../../src/report/types.js';
import { seededRandom } from '../../../src/stats/resampling.js';

const random = seededRandom;

/** A real encoded histogram of `n` latencies around `medianMs` with a long right tail. */
export function latencyHistogram(medianMs: number, n: number, seed = 1) {
  const rnd = random(seed);
  const h = createHistogram();
  for (let i = 0; i < n; i++)
    recordMicros(h, medianMs * 1000 * Math.exp(0.45 * (rnd() + rnd() + rnd() - 1.5) * 2));
  return { encoded: encodeHistogram(h), summary: summarize(h) };
}

export function metric(
  current: number,
  baseline: number | null,
  verdict: Verdict,
  halfWidth = 0.03,
): MetricResult {
  const change = baseline === null || baseline === 0 ? null : current / baseline - 1;
  return {
    current,
    baseline,
    change,
    interval: change === null ? null : [change - halfWidth, change + halfWidth],
    verdict: baseline === null ? 'no-baseline' : verdict,
  };
}

export interface FixtureOptions {
  verdict?: Verdict;
  /** Endpoint names, or how many to make. */
  endpoints?: string[] | number;
  rounds?: number;
  /** Whether a baseline exists (no-baseline reports have null baselines everywhere). */
  baseline?: boolean;
  server?: 'self' | 'spawn' | null;
  crashes?: number;
  warnings?: string[];
  generatorBoundRounds?: number[];
  name?: string;
}

/** Metric verdicts and baseline factors that make each overall verdict plausible. */
const SHAPES: Record<Verdict, { rpsBase: number; p95Base: number; rps: Verdict; p95: Verdict }> = {
  pass: { rpsBase: 0.99, p95Base: 1.01, rps: 'pass', p95: 'pass' },
  regression: { rpsBase: 1.12, p95Base: 0.8, rps: 'regression', p95: 'regression' },
  inconclusive: { rpsBase: 1.04, p95Base: 0.95, rps: 'inconclusive', p95: 'pass' },
  'no-baseline': { rpsBase: 1, p95Base: 1, rps: 'no-baseline', p95: 'no-baseline' },
  error: { rpsBase: 1, p95Base: 1, rps: 'error', p95: 'error' },
};

function metricSet(
  rps: number,
  p50: number,
  p95: number,
  p99: number,
  errorRate: number,
  v: Verdict,
  hasBase: boolean,
): MetricSet {
  const s = SHAPES[v];
  const b = (x: number) => (hasBase ? x : null);
  return {
    rps: metric(rps, b(rps * s.rpsBase), s.rps),
    p50: metric(p50, b(p50 * s.p95Base), s.p95),
    p95: metric(p95, b(p95 * s.p95Base), s.p95),
    p99: metric(p99, b(p99 * s.p95Base), s.p95, 0.08),
    errorRate: metric(errorRate, b(0), 'pass'),
  };
}

function server(mode: 'self' | 'spawn', crashes: number): ServerReport {
  return {
    command:
      mode === 'self'
        ? 'gunicorn onestep_be.asgi:application -k uvicorn.workers.UvicornWorker -w 4 --bind 127.0.0.1:$PORT'
        : 'node examples/node-api/server.js',
    mode,
    socket: mode === 'spawn' ? 'shared' : null,
    workers: 4,
    workersReason: mode === 'spawn' ? 'auto: 2 x 2 cores' : null,
    pids: mode === 'self' ? [4100] : [4101, 4102, 4103, 4104],
    perWorker: [0, 1, 2, 3].map((i) => ({
      index: i,
      pid: 4101 + i,
      cpu: 0.92 - i * 0.04,
      rssBytes: (58 + i) * 1024 * 1024,
      pssBytes: (41 + i) * 1024 * 1024,
    })),
    crashes: Array.from({ length: crashes }, (_, i) => ({
      kind: 'crash' as const,
      at: 1_767_225_600_000 + i * 1000,
      worker: i % 4,
      pid: 4101 + (i % 4),
      exitCode: i % 2 === 0 ? null : 1,
      signal: i % 2 === 0 ? 'SIGKILL' : null,
      recoveryMs: i % 2 === 0 ? 850 : null,
      lastLines: [
        '[INFO] Booting worker',
        'Traceback (most recent call last):',
        '  File "views.py", line 12',
        "KeyError: '<script>alert(1)</script>'",
      ],
    })),
    readyMs: 1240,
  };
}

function errorsOf(some: boolean): Record<string, number> {
  return some ? { 'status:503': 3 } : {};
}

export function buildReport(o: FixtureOptions = {}): Report {
  const verdict = o.verdict ?? 'pass';
  const hasBase = o.baseline ?? verdict !== 'no-baseline';
  const names =
    typeof o.endpoints === 'number'
      ? Array.from({ length: o.endpoints }, (_, i) => `GET /api/items/${i}`)
      : (o.endpoints ?? ['list items', 'item detail', 'health']);
  const roundCount = o.rounds ?? 5;
  const bound = new Set(o.generatorBoundRounds ?? []);
  const whole = latencyHistogram(verdict === 'regression' ? 14 : 11, 4000, 7);
  const rounds: RoundReport[] = Array.from({ length: roundCount }, (_, i) => {
    const h = latencyHistogram(11 + (i % 3) * 0.3, 800, 100 + i);
    return {
      index: i,
      seconds: 10,
      requests: 24_000 + i * 310,
      errors: i === 1 ? 3 : 0,
      errorsByKind: errorsOf(i === 1),
      rps: 2400 + i * 31,
      p50: h.summary.p50Ms,
      p95: h.summary.p95Ms,
      p99: h.summary.p99Ms,
      errorRate: i === 1 ? 3 / 24_310 : 0,
      generatorBound: bound.has(i),
      generatorNote: bound.has(i) ? 'generator used 98% of a core' : null,
      crashed: i < (o.crashes ?? 0),
      latency: h.encoded,
    };
  });
  const endpoints: EndpointReport[] = names.map((name, i) => ({
    name,
    requests: 12_000 - i * 7,
    errors: i === 0 ? 3 : 0,
    errorsByKind: errorsOf(i === 0),
    metrics: metricSet(
      1200 - i,
      4.1 + i * 0.01,
      12.4 + i * 0.02,
      25.3,
      i === 0 ? 0.00025 : 0,
      i === 1 ? verdict : 'pass',
      hasBase,
    ),
  }));
  const requests = rounds.reduce((s, r) => s + r.requests, 0);
  const errors = rounds.reduce((s, r) => s + r.errors, 0);
  return {
    schema: 1,
    name: o.name ?? 'items-api',
    createdAt: '2026-05-01T10:00:00.000Z',
    commit: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
    verdict,
    summary: {
      pass: 'RPS and p95 are within the gate (-5% RPS, +10% p95); no regression.',
      regression:
        'RPS fell 10.7% (95% interval -13.1% … -8.2%), beyond the -5% gate, and p95 rose 25.0%.',
      inconclusive:
        'RPS may have fallen 3.8%, but the interval (-7.9% … +0.4%) reaches past the -5% gate: run again to be sure.',
      'no-baseline': 'No baseline for items-api yet: this run has nothing to compare with.',
      error: 'The server failed while under load: the server died during the load test.',
    }[verdict],
    advice:
      verdict === 'inconclusive'
        ? {
            metric: 'rps',
            endpoint: null,
            smallestDetectableChange: 0.112,
            tolerance: 0.05,
            nextStep: 'compare-with-base',
            text: 'Against 2 stored runs from other jobs this run could only detect changes of RPS of about ±11.2%, against the -5.0% tolerance. To decide, measure the base commit next to this one on the same runner: compare: auto does it on pull requests (locally: loadgate run --base REF); its intervals are several times narrower.',
          }
        : null,
    failure:
      verdict === 'error'
        ? {
            phase: 'load',
            code: 'LG_SERVER_DIED',
            message: 'the server died during the load test: worker 0 exited with code 1',
            details: ['Last lines of worker 0 (pid 4242):', 'Traceback (most recent call last):'],
          }
        : null,
    metrics: metricSet(
      2462,
      whole.summary.p50Ms,
      whole.summary.p95Ms,
      whole.summary.p99Ms,
      errors / requests,
      verdict,
      hasBase,
    ),
    totals: { requests, errors, seconds: roundCount * 10 },
    endpoints,
    rounds,
    noise: { rpsCv: 0.012, p95Cv: 0.034, minDetectableRpsChange: 0.025, steal: 0.004 },
    load: {
      model: 'closed',
      connections: 32,
      rate: null,
      rounds: roundCount,
      durationMs: 10_000,
      warmupMs: 5_000,
    },
    server: o.server === null ? null : server(o.server ?? 'self', o.crashes ?? 0),
    target: o.server === null ? 'http://127.0.0.1:8000' : null,
    remoteTarget: false,
    baseline: hasBase
      ? {
          entries: 5,
          commit: 'f00dfacecafe0123456789abcdef012345678901',
          createdAt: '2026-04-30T09:00:00.000Z',
          sameRunner: true,
          note: null,
        }
      : null,
    runner: {
      cpuModel: 'AMD EPYC 7763 64-Core Processor',
      cores: 2,
      os: 'Linux 6.8.0-1021-azure x64',
      node: 'v20.20.2',
    },
    versions: { loadgate: '0.1.0', node: 'v20.20.2', 'simple-statistics': '7.12.1' },
    histogram: whole.encoded,
    warnings: o.warnings ?? [],
    history: hasBase ? HISTORY : [],
  };
}

export const HISTORY = [
  { label: '3f2a1b0', rps: 2510, p95: 19.8 },
  { label: '8c7d6e5', rps: 2478, p95: 20.4 },
  { label: '1a2b3c4', rps: 2533, p95: 19.1 },
  { label: 'd4e5f60', rps: 2490, p95: 20.0 },
  { label: '9f8e7d6', rps: 2502, p95: 19.6 },
];
