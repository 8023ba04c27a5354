/**
 * Assembles the Report (the JSON contract) from what the rooms measured and decided.
 * Pure: no I/O. Measuring, deciding and printing stay separate.
 */
import { isRemoteTarget } from '../config/index.js';
import type { Config } from '../config/types.js';
import type { RoundResult } from '../load/types.js';
import type {
  BaselineInfo,
  HistoryPoint,
  LoadShape,
  Report,
  RoundMetrics,
  RoundReport,
  RunnerFingerprint,
  ServerReport,
} from '../report/types.js';
import type { Comparison } from '../stats/index.js';
import type { BaselineEntry } from '../baseline/types.js';
import { decodeHistogram, encodeHistogram, mergeHistograms } from '../load/histogram.js';

export interface ReportParts {
  config: Config;
  rounds: RoundResult[];
  roundMetrics: RoundMetrics[];
  comparison: Comparison;
  server: ServerReport | null;
  /** Mean steal share while the load ran (stats/steal.ts); null when not sampled. */
  steal: number | null;
  baseline: BaselineInfo | null;
  /** The baseline entries compared with, oldest first. */
  history: BaselineEntry[];
  runner: RunnerFingerprint;
  versions: Record<string, string>;
  createdAt: Date;
  commit: string | null;
  warnings: string[];
}

/** The report's copy of the config's load shape (what the reader needs to read the figures). */
export function loadShape(load: LoadShape): LoadShape {
  const { model, connections, rate, rounds, durationMs, warmupMs } = load;
  return { model, connections, rate, rounds, durationMs, warmupMs };
}

/** A count per kind, without the kinds that have none recorded. */
function counts(byKind: Partial<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [kind, n] of Object.entries(byKind)) if (n !== undefined) out[kind] = n;
  return out;
}

function crashedDuring(round: RoundResult, server: ServerReport | null): boolean {
  if (!server) return false;
  const end = round.startedAt + round.seconds * 1000;
  return server.crashes.some((c) => c.at >= round.startedAt && c.at <= end);
}

function roundReport(
  round: RoundResult,
  metrics: RoundMetrics,
  server: ServerReport | null,
): RoundReport {
  return {
    index: round.index,
    seconds: round.seconds,
    requests: round.requests,
    errors: round.errors,
    errorsByKind: counts(round.errorsByKind),
    ...metrics,
    generatorBound: round.generator.bound,
    generatorNote: round.generator.reason,
    crashed: crashedDuring(round, server),
    latency: round.latency,
  };
}

function endpointTotals(rounds: RoundResult[], name: string) {
  let requests = 0;
  let errors = 0;
  const errorsByKind: Record<string, number> = {};
  for (const r of rounds) {
    const e = r.endpoints.find((x) => x.name === name);
    if (!e) continue;
    requests += e.requests;
    errors += e.errors;
    for (const [k, v] of Object.entries(e.errorsByKind))
      errorsByKind[k] = (errorsByKind[k] ?? 0) + (v ?? 0);
  }
  return { requests, errors, errorsByKind };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** One trend-chart point per stored run: mean RPS and median p95 over its rounds. */
export function historyPoint(entry: BaselineEntry): HistoryPoint {
  const rounds = entry.rounds;
  return {
    label: entry.commit ? entry.commit.slice(0, 7) : entry.createdAt.slice(0, 10),
    rps: rounds.length > 0 ? rounds.reduce((s, r) => s + r.rps, 0) / rounds.length : 0,
    p95: median(rounds.map((r) => r.p95)),
  };
}

export function buildReport(p: ReportParts): Report {
  const { config, rounds, comparison } = p;
  const warnings = [...p.warnings];
  const bound = rounds.filter((r) => r.generator.bound);
  if (bound.length > 0) {
    warnings.push(
      `${bound.length} of ${rounds.length} rounds were generator-bound (the load generator, not the API, was the limit): ${bound
        .map((r) => `round ${r.index + 1}: ${r.generator.reason ?? 'saturated'}`)
        .join('; ')}`,
    );
  }
  const merged = mergeHistograms(rounds.map((r) => decodeHistogram(r.latency)));
  return {
    schema: 1,
    name: config.name,
    createdAt: p.createdAt.toISOString(),
    commit: p.commit,
    verdict: comparison.verdict,
    summary: comparison.summary,
    advice: comparison.advice,
    failure: null,
    metrics: comparison.metrics,
    totals: {
      requests: rounds.reduce((s, r) => s + r.requests, 0),
      errors: rounds.reduce((s, r) => s + r.errors, 0),
      seconds: rounds.reduce((s, r) => s + r.seconds, 0),
    },
    endpoints: comparison.endpoints.map((e) => ({
      name: e.name,
      ...endpointTotals(rounds, e.name),
      metrics: e.metrics,
    })),
    // roundMetrics[i] is the figures of rounds[i] (currentFigures keeps the order).
    rounds: rounds.map((r, i) => roundReport(r, p.roundMetrics[i]!, p.server)),
    noise: { ...comparison.noise, steal: p.steal },
    load: loadShape(config.load),
    server: p.server,
    target: config.target,
    remoteTarget: isRemoteTarget(config.target),
    baseline: p.baseline,
    runner: p.runner,
    versions: p.versions,
    histogram: encodeHistogram(merged),
    warnings,
    history: p.history.map(historyPoint),
  };
}
