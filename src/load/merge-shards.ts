/**
 * Rounds measured by several load generators at once (shards, `--shard I/N`) become one round,
 * exactly: requests and errors added, histograms added (never percentiles averaged). The shards
 * ran the same round in the same time window, so the round's length is their mean and its RPS
 * the sum of theirs. Pure: no I/O.
 */
import { decodeHistogram, encodeHistogram, mergeHistograms } from './histogram.js';
import type { EndpointRound, ErrorKind, GeneratorHealth, RoundResult } from './types.js';

function addKinds(
  into: Partial<Record<ErrorKind, number>>,
  from: Partial<Record<ErrorKind, number>>,
): void {
  for (const [k, n] of Object.entries(from) as [ErrorKind, number][]) into[k] = (into[k] ?? 0) + n;
}

function mergeEncoded(parts: readonly string[]): string {
  return encodeHistogram(mergeHistograms(parts.map(decodeHistogram)));
}

/** How much of the shortest round all shards ran together (0..1): the time windows' overlap. */
export function roundOverlap(parts: readonly RoundResult[]): number {
  if (parts.length === 0) return 0;
  const start = Math.max(...parts.map((p) => p.startedAt));
  const end = Math.min(...parts.map((p) => p.startedAt + p.seconds * 1000));
  const shortest = Math.min(...parts.map((p) => p.seconds * 1000));
  return shortest > 0 ? Math.max(0, end - start) / shortest : 0;
}

/** Endpoints by name, in the first shard's order (every shard ran the same scenario). */
function mergeEndpoints(parts: readonly RoundResult[]): EndpointRound[] {
  const names: string[] = [];
  for (const p of parts)
    for (const e of p.endpoints) if (!names.includes(e.name)) names.push(e.name);
  return names.map((name): EndpointRound => {
    const all = parts.flatMap((p) => p.endpoints.filter((e) => e.name === name));
    const errorsByKind: Partial<Record<ErrorKind, number>> = {};
    for (const e of all) addKinds(errorsByKind, e.errorsByKind);
    const latency = mergeEncoded(all.map((e) => e.latency));
    const sameService = all.every((e) => e.serviceTime === e.latency);
    return {
      name,
      requests: all.reduce((n, e) => n + e.requests, 0),
      errors: all.reduce((n, e) => n + e.errors, 0),
      errorsByKind,
      latency,
      serviceTime: sameService ? latency : mergeEncoded(all.map((e) => e.serviceTime)),
    };
  });
}

/** The generators' health: bound when any shard was, named by shard (1-based). */
function mergeHealth(parts: readonly RoundResult[]): GeneratorHealth {
  const g = parts.map((p) => p.generator);
  const sum = (xs: (number | null | undefined)[]): number | null =>
    xs.some((x) => x === null || x === undefined)
      ? null
      : xs.reduce<number>((s, x) => s + (x ?? 0), 0);
  const bound = g.flatMap((h, i) =>
    h.bound ? [`shard ${i + 1}: ${h.reason ?? 'saturated'}`] : [],
  );
  const lags = g.map((h) => h.schedulerLagP99Ms).filter((x): x is number => x !== null);
  return {
    cpuShare: Math.max(...g.map((h) => h.cpuShare)),
    eventLoopDelayP99Ms: Math.max(...g.map((h) => h.eventLoopDelayP99Ms)),
    schedulerLagP99Ms: lags.length > 0 ? Math.max(...lags) : null,
    targetRate: sum(g.map((h) => h.targetRate)),
    achievedRate: sum(g.map((h) => h.achievedRate)),
    maxQueue: sum(g.map((h) => h.maxQueue)),
    dropped: sum(g.map((h) => h.dropped ?? null)),
    bound: bound.length > 0,
    reason: bound.length > 0 ? bound.join('; ') : null,
  };
}

/** One round from the same round of every shard (in shard order). */
export function mergeShardRound(parts: readonly RoundResult[]): RoundResult {
  const first = parts[0];
  if (!first) throw new Error('mergeShardRound: no shard rounds');
  const seconds = parts.reduce((s, p) => s + p.seconds, 0) / parts.length;
  const requests = parts.reduce((n, p) => n + p.requests, 0);
  const errorsByKind: Partial<Record<ErrorKind, number>> = {};
  for (const p of parts) addKinds(errorsByKind, p.errorsByKind);
  const latency = mergeEncoded(parts.map((p) => p.latency));
  const sameService = parts.every((p) => p.serviceTime === p.latency);
  return {
    index: first.index,
    startedAt: Math.min(...parts.map((p) => p.startedAt)),
    seconds,
    requests,
    errors: parts.reduce((n, p) => n + p.errors, 0),
    errorsByKind,
    rps: seconds > 0 ? requests / seconds : 0,
    latency,
    serviceTime: sameService ? latency : mergeEncoded(parts.map((p) => p.serviceTime)),
    endpoints: mergeEndpoints(parts),
    generator: mergeHealth(parts),
  };
}
