/**
 * One sweep point from one measurement (pure): the overall figures of its rounds, per-worker CPU
 * and memory from the supervisor's samples, and whether the generator was the limit.
 */
import type { RoundResult } from '../load/types.js';
import type { Sample } from '../supervisor/types.js';
import type { ServerRecord } from '../pipeline/server-report.js';
import { overallMetrics, roundMetrics } from '../stats/metrics.js';
import type { ConcurrencyPoint, SweepPoint } from './types.js';

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

/** Mean CPU per worker index over the samples (a worker's forked helpers count for it). */
export function cpuPerWorker(samples: readonly Sample[]): number[] {
  const sums = new Map<number, number>();
  for (const s of samples) {
    for (const p of s.processes) {
      if (p.worker === null || p.worker === undefined) continue;
      sums.set(p.worker, (sums.get(p.worker) ?? 0) + p.cpu);
    }
  }
  if (samples.length === 0) return [];
  return [...sums.entries()].sort(([a], [b]) => a - b).map(([, sum]) => sum / samples.length);
}

/** Peak of the summed memory over samples: PSS when every process had it, else RSS. */
export function memoryPeak(samples: readonly Sample[]): {
  memoryBytes: number;
  memoryKind: 'pss' | 'rss';
  rssBytes: number;
} {
  const all = samples.flatMap((s) => s.processes);
  const pss = all.length > 0 && all.every((p) => p.pssBytes !== null);
  let memoryBytes = 0;
  let rssBytes = 0;
  for (const s of samples) {
    const rss = s.processes.reduce((t, p) => t + p.rssBytes, 0);
    const mem = pss ? s.processes.reduce((t, p) => t + (p.pssBytes ?? p.rssBytes), 0) : rss;
    memoryBytes = Math.max(memoryBytes, mem);
    rssBytes = Math.max(rssBytes, rss);
  }
  return { memoryBytes, memoryKind: pss ? 'pss' : 'rss', rssBytes };
}

function generatorFacts(rounds: readonly RoundResult[]) {
  const bound = rounds.find((r) => r.generator.bound);
  return {
    generatorBound: bound !== undefined,
    generatorNote: bound ? (bound.generator.reason ?? 'saturated') : null,
    generatorCpu: mean(rounds.map((r) => r.generator.cpuShare)),
  };
}

export function sweepPoint(
  workers: number,
  rounds: readonly RoundResult[],
  server: ServerRecord | null,
): SweepPoint {
  const overall = overallMetrics(rounds);
  const samples = server?.samples ?? [];
  const ready = server?.events.find((e) => e.kind === 'ready');
  return {
    workers,
    rps: overall.rps,
    p50: overall.p50,
    p95: overall.p95,
    p99: overall.p99,
    errorRate: overall.errorRate,
    requests: rounds.reduce((s, r) => s + r.requests, 0),
    errors: rounds.reduce((s, r) => s + r.errors, 0),
    roundRps: rounds.map((r) => roundMetrics(r).rps),
    cpuPerWorker: cpuPerWorker(samples),
    serverCpu: mean(samples.map((s) => s.processes.reduce((t, p) => t + p.cpu, 0))),
    systemCpu: mean(samples.map((s) => s.system.cpu)),
    ...memoryPeak(samples),
    ...generatorFacts(rounds),
    crashes: server?.events.filter((e) => e.kind === 'crash').length ?? 0,
    readyMs: ready?.kind === 'ready' ? ready.ms : null,
    failure: null,
    attempts: 1,
    uneven: false,
  };
}

/** A count that could not be measured: kept in the report with the reason, figures zero. */
export function failedPoint(workers: number, failure: string): SweepPoint {
  return {
    workers,
    rps: 0,
    p50: 0,
    p95: 0,
    p99: 0,
    errorRate: 0,
    requests: 0,
    errors: 0,
    roundRps: [],
    cpuPerWorker: [],
    serverCpu: 0,
    memoryBytes: 0,
    memoryKind: 'rss',
    rssBytes: 0,
    generatorBound: false,
    generatorNote: null,
    generatorCpu: 0,
    systemCpu: 0,
    crashes: 0,
    readyMs: null,
    failure,
    attempts: 1,
    uneven: false,
  };
}

export function concurrencyPoint(
  connections: number,
  rounds: readonly RoundResult[] | null,
  failure: string | null = null,
): ConcurrencyPoint {
  if (rounds === null || failure !== null) {
    return {
      connections,
      rps: 0,
      p50: 0,
      p95: 0,
      p99: 0,
      errorRate: 0,
      generatorBound: false,
      failure: failure ?? 'not measured',
    };
  }
  const o = overallMetrics(rounds);
  return {
    connections,
    rps: o.rps,
    p50: o.p50,
    p95: o.p95,
    p99: o.p99,
    errorRate: o.errorRate,
    generatorBound: rounds.some((r) => r.generator.bound),
    failure: null,
  };
}
