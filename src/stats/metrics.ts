/**
 * From the engine's rounds to the figures the report and the statistics use: one RoundMetrics
 * per round (what the tests use), and overall figures whose percentiles come from the merged
 * histogram, never an average of per-round percentiles (FIELD-NOTES 4). Pure.
 */
import type { CurrentRun } from './evaluate.js';
import type { RoundResult } from '../load/types.js';
import type { RoundMetrics } from './types.js';
import { decodeHistogram, mergeHistograms, summarize, type Histogram } from '../load/histogram.js';

function latencyFigures(h: Histogram): Pick<RoundMetrics, 'p50' | 'p95' | 'p99'> {
  const s = summarize(h);
  return { p50: s.p50Ms, p95: s.p95Ms, p99: s.p99Ms };
}

function rate(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/** Figures of one round: RPS, p50/p95/p99 in ms (from the round's histogram), error rate. */
export function roundMetrics(round: RoundResult): RoundMetrics {
  return {
    rps: rate(round.requests, round.seconds),
    ...latencyFigures(decodeHistogram(round.latency)),
    errorRate: rate(round.errors, round.requests),
  };
}

/** Per endpoint, one RoundMetrics per round (in round order; a round without it counts as empty). */
export function endpointRoundMetrics(rounds: readonly RoundResult[]): Map<string, RoundMetrics[]> {
  const names: string[] = [];
  for (const r of rounds)
    for (const e of r.endpoints) if (!names.includes(e.name)) names.push(e.name);
  const out = new Map<string, RoundMetrics[]>();
  for (const name of names) {
    out.set(
      name,
      rounds.map((r) => {
        const e = r.endpoints.find((x) => x.name === name);
        if (!e) return { rps: 0, p50: 0, p95: 0, p99: 0, errorRate: 0 };
        return {
          rps: rate(e.requests, r.seconds),
          ...latencyFigures(decodeHistogram(e.latency)),
          errorRate: rate(e.errors, e.requests),
        };
      }),
    );
  }
  return out;
}

/** Overall: total requests / total seconds, percentiles of the merged histogram, errors / requests. */
export function overallMetrics(rounds: readonly RoundResult[]): RoundMetrics {
  let requests = 0;
  let errors = 0;
  let seconds = 0;
  for (const r of rounds) {
    requests += r.requests;
    errors += r.errors;
    seconds += r.seconds;
  }
  return {
    rps: rate(requests, seconds),
    ...latencyFigures(mergeHistograms(rounds.map((r) => decodeHistogram(r.latency)))),
    errorRate: rate(errors, requests),
  };
}

/** Overall figures per endpoint, the same way as `overallMetrics`. */
export function endpointOverallMetrics(rounds: readonly RoundResult[]): Map<string, RoundMetrics> {
  const seconds = rounds.reduce((s, r) => s + r.seconds, 0);
  const out = new Map<string, RoundMetrics>();
  for (const name of endpointRoundMetrics(rounds).keys()) {
    const parts = rounds.flatMap((r) => r.endpoints.filter((e) => e.name === name));
    const requests = parts.reduce((s, e) => s + e.requests, 0);
    const errors = parts.reduce((s, e) => s + e.errors, 0);
    out.set(name, {
      rps: rate(requests, seconds),
      ...latencyFigures(mergeHistograms(parts.map((e) => decodeHistogram(e.latency)))),
      errorRate: rate(errors, requests),
    });
  }
  return out;
}

/** The merged histogram of every measured request (encoded elsewhere for the report/baseline). */
export function mergedLatency(rounds: readonly RoundResult[]): Histogram {
  return mergeHistograms(rounds.map((r) => decodeHistogram(r.latency)));
}

/** The `current` side of a comparison, built from the engine's rounds. */
export function currentFigures(rounds: readonly RoundResult[]): CurrentRun {
  const perRound = endpointRoundMetrics(rounds);
  const overall = endpointOverallMetrics(rounds);
  return {
    overall: overallMetrics(rounds),
    rounds: rounds.map(roundMetrics),
    endpoints: [...perRound].map(([name, rs]) => ({
      name,
      overall: overall.get(name) as RoundMetrics,
      rounds: rs,
    })),
  };
}
