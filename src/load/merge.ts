/**
 * Turns the threads' partial results of one round into the RoundResult the report uses:
 * counts summed, histograms merged exactly, generator health judged.
 *
 * Generator-bound (the generator, not the API, limited the round):
 *  - CPU: the process used more than 80% of the cores its threads can use (k6 advises 20% idle);
 *  - open model: the achieved rate fell below 95% of the target while the scheduler itself ran
 *    late (timer lag p99 > 10 ms or event-loop delay p99 > 20 ms).
 * A shortfall while every connection was busy waiting for answers is the API's (its latency,
 * timeouts and dropped requests show it), so it is not flagged; the reason text would be wrong.
 */
import { decodeHistogram, encodeHistogram, mergeHistograms } from './histogram.js';
import type { RoundPartial } from './engine.js';
import type { EndpointRound, ErrorKind, GeneratorHealth, RoundResult } from './types.js';

export const CPU_BOUND_SHARE = 0.8;
export const RATE_SHORTFALL = 0.95;
export const LAG_BOUND_MS = 10;
export const LOOP_DELAY_BOUND_MS = 20;

function mergeEncoded(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0] as string;
  return encodeHistogram(mergeHistograms(parts.map(decodeHistogram)));
}

function addKinds(
  into: Partial<Record<ErrorKind, number>>,
  from: Partial<Record<ErrorKind, number>>,
): void {
  for (const [k, n] of Object.entries(from) as [ErrorKind, number][]) into[k] = (into[k] ?? 0) + n;
}

export interface MergeContext {
  model: 'closed' | 'open';
  threads: number;
}

export function mergeRound(parts: readonly RoundPartial[], ctx: MergeContext): RoundResult {
  const first = parts[0];
  if (!first) throw new Error('mergeRound: no partial results');
  const seconds = Math.max(...parts.map((p) => p.seconds));
  const errorsByKind: Partial<Record<ErrorKind, number>> = {};
  let requests = 0;
  let errors = 0;
  for (const p of parts) {
    requests += p.recorded.requests;
    errors += p.recorded.errors;
    addKinds(errorsByKind, p.recorded.errorsByKind);
  }
  const endpoints = first.recorded.endpoints.map((ep, i): EndpointRound => {
    const all = parts.map((p) => p.recorded.endpoints[i]!); // every thread runs every endpoint
    const kinds: Partial<Record<ErrorKind, number>> = {};
    for (const e of all) addKinds(kinds, e.errorsByKind);
    const latency = mergeEncoded(all.map((e) => e.latency));
    const sameService = all.every((e) => e.serviceTime === e.latency);
    return {
      name: ep.name,
      requests: all.reduce((n, e) => n + e.requests, 0),
      errors: all.reduce((n, e) => n + e.errors, 0),
      errorsByKind: kinds,
      latency,
      serviceTime: sameService ? latency : mergeEncoded(all.map((e) => e.serviceTime)),
    };
  });
  const latency = mergeEncoded(parts.map((p) => p.recorded.latency));
  const sameService = parts.every((p) => p.recorded.serviceTime === p.recorded.latency);
  return {
    index: first.index,
    startedAt: Math.min(...parts.map((p) => p.startedAt)),
    seconds,
    requests,
    errors,
    errorsByKind,
    rps: seconds > 0 ? requests / seconds : 0,
    latency,
    serviceTime: sameService ? latency : mergeEncoded(parts.map((p) => p.recorded.serviceTime)),
    endpoints,
    generator: health(parts, ctx, requests, seconds),
  };
}

function health(
  parts: readonly RoundPartial[],
  ctx: MergeContext,
  requests: number,
  seconds: number,
): GeneratorHealth {
  // cpuUsage is process-wide: every thread saw about the same figure.
  const cpuShare = Math.max(...parts.map((p) => p.generator.cpuShare));
  const eventLoopDelayP99Ms = Math.max(...parts.map((p) => p.generator.eventLoopDelayP99Ms));
  const opens = parts.flatMap((p) => (p.open ? [p.open] : []));
  const open = ctx.model === 'open' && opens.length > 0;
  const lag = open ? mergeHistograms(opens.map((o) => decodeHistogram(o.schedulerLag))) : null;
  const schedulerLagP99Ms =
    lag && lag.totalCount > 0 ? lag.getValueAtPercentile(99) / 1000 : open ? 0 : null;
  const targetRate = open && seconds > 0 ? opens.reduce((n, o) => n + o.due, 0) / seconds : null;
  const achievedRate = open && seconds > 0 ? requests / seconds : null;
  const maxQueue = open ? opens.reduce((n, o) => n + o.maxQueue, 0) : null;
  const dropped = open ? opens.reduce((n, o) => n + o.dropped, 0) : null;

  let reason: string | null = null;
  const cores = Math.max(1, ctx.threads);
  if (cpuShare > CPU_BOUND_SHARE * cores) {
    const of = cores === 1 ? 'one core' : `${cores} cores`;
    reason = `the generator used ${Math.round((cpuShare / cores) * 100)}% of ${of} (over ${CPU_BOUND_SHARE * 100}%)`;
  } else if (
    targetRate !== null &&
    achievedRate !== null &&
    targetRate > 0 &&
    achievedRate < RATE_SHORTFALL * targetRate &&
    ((schedulerLagP99Ms ?? 0) > LAG_BOUND_MS || eventLoopDelayP99Ms > LOOP_DELAY_BOUND_MS)
  ) {
    reason =
      `achieved ${achievedRate.toFixed(1)} of ${targetRate.toFixed(1)} req/s while the scheduler ran late ` +
      `(timer lag p99 ${(schedulerLagP99Ms ?? 0).toFixed(1)} ms, event-loop delay p99 ${eventLoopDelayP99Ms.toFixed(1)} ms, ` +
      `backlog up to ${maxQueue ?? 0})`;
  }
  return {
    cpuShare,
    eventLoopDelayP99Ms,
    schedulerLagP99Ms,
    targetRate,
    achievedRate,
    maxQueue,
    dropped,
    bound: reason !== null,
    reason,
  };
}
