/**
 * compare: this run against its stored baseline history -> per-metric and overall verdicts.
 *
 * - Each metric (RPS, p50, p95, p99, error rate; overall and per endpoint) gets a test from
 *   stored.ts and a verdict from rules.ts.
 * - Multiplicity: Holm on the p-values (not on interval levels). Family 1, the gated tests:
 *   RPS and p95, overall and per endpoint. Family 2, the reported-only p50 and p99. Error rate
 *   is decided by its absolute ceiling, not a test, so it joins no family. With a single
 *   endpoint its figures are the overall ones: it mirrors the overall p-values instead of
 *   doubling the family.
 * - Gated (decide the overall verdict): RPS, p95 and error rate, overall and per endpoint.
 *   p50/p99 carry verdicts for the reader but never fail a check.
 * - Overall: regression if any gated metric regressed; else no-baseline without a baseline;
 *   else inconclusive if any gated metric is; else pass. An error rate above the ceiling is a
 *   regression even without a baseline.
 * - With 1-2 baseline runs (round-level comparison, runner-to-runner noise unseen) a
 *   regression needs alpha 0.01 instead of 0.05, and the summary says so.
 * Pure.
 */
import type { BaselineEntry } from '../baseline/types.js';
import type { GateConfig } from '../config/types.js';
import type {
  MetricName,
  MetricResult,
  MetricSet,
  NoiseReport,
  RoundMetrics,
  Verdict,
} from '../report/types.js';
import { holmAdjust } from './holm.js';
import { noiseReport } from './noise.js';
import { decideErrorRate, decideLogMetric, METRIC_NAMES, METRIC_RULES } from './rules.js';
import {
  MIN_ENTRIES_FOR_PREDICTION,
  storedTest,
  type StoredMethod,
  type StoredTest,
} from './stored.js';
import { summarySentence, type SummaryCase } from './summary.js';

export interface CurrentRun {
  overall: RoundMetrics;
  rounds: RoundMetrics[];
  endpoints: { name: string; overall: RoundMetrics; rounds: RoundMetrics[] }[];
}

export interface ComparisonInput {
  current: CurrentRun;
  /** History, oldest first, already narrowed to this scenario (see selectBaselineEntries). */
  baseline: BaselineEntry[] | null;
  gate: GateConfig;
  /** Family-wise false-alarm level; default 0.05. */
  alpha?: number;
  /** Said in the summary when there is no baseline (e.g. the scenario changed). */
  note?: string | null;
}

export interface Comparison {
  verdict: Verdict;
  /** One plain sentence with numbers. */
  summary: string;
  metrics: MetricSet;
  endpoints: { name: string; metrics: MetricSet }[];
  noise: NoiseReport;
  /** prediction: >= 3 baseline runs; rounds: 1-2 runs (conservative); none: no baseline. */
  method: StoredMethod | 'none';
  baselineRuns: number;
  /** The significance a regression needed (before Holm). */
  alpha: number;
}

export const DEFAULT_ALPHA = 0.05;
/** Stricter significance when only 1-2 baseline runs exist. */
export const FEW_RUNS_ALPHA = 0.01;

interface Scope {
  name: string | null;
  current: RoundMetrics;
  rounds: RoundMetrics[];
  baselineRounds: (entry: BaselineEntry) => RoundMetrics[];
}

interface Case extends SummaryCase {
  stored: StoredTest | null;
  family: 'gated' | 'reported' | null;
  adjustedP: number;
}

function buildCases(input: ComparisonInput, entries: BaselineEntry[]): Case[] {
  const { current } = input;
  const scopes: Scope[] = [
    {
      name: null,
      current: current.overall,
      rounds: current.rounds,
      baselineRounds: (e) => e.rounds,
    },
    ...current.endpoints.map((ep) => ({
      name: ep.name,
      current: ep.overall,
      rounds: ep.rounds,
      baselineRounds: (e: BaselineEntry) =>
        e.endpoints.find((x) => x.name === ep.name)?.rounds ?? [],
    })),
  ];
  const ownFamily = current.endpoints.length >= 2;
  return scopes.flatMap((scope) =>
    METRIC_NAMES.map((metric): Case => {
      const rule = METRIC_RULES[metric];
      const stored =
        entries.length > 0
          ? storedTest(
              scope.rounds.map((r) => r[metric]),
              entries.map((e) => scope.baselineRounds(e).map((r) => r[metric])),
              rule.scale,
            )
          : null;
      const testable = rule.scale === 'log' && stored?.test && (scope.name === null || ownFamily);
      return {
        scope: scope.name,
        metric,
        current: scope.current[metric],
        stored,
        family: testable ? (rule.gated ? 'gated' : 'reported') : null,
        adjustedP: NaN,
        result: {
          current: scope.current[metric],
          baseline: null,
          change: null,
          interval: null,
          verdict: 'no-baseline',
        },
      };
    }),
  );
}

function applyHolm(cases: Case[]): void {
  for (const family of ['gated', 'reported'] as const) {
    const members = cases.filter((c) => c.family === family);
    const adjusted = holmAdjust(
      members.map((c) => (c.stored?.test as NonNullable<StoredTest['test']>).p),
    );
    members.forEach((c, i) => (c.adjustedP = adjusted[i] as number));
  }
  // A single endpoint is the overall scenario: it shares the overall adjusted p-values.
  for (const c of cases) {
    if (c.scope !== null && c.family === null && c.stored?.test) {
      c.adjustedP = cases.find((o) => o.scope === null && o.metric === c.metric)?.adjustedP ?? NaN;
    }
  }
}

function decide(c: Case, gate: GateConfig, alpha: number): MetricResult {
  const rule = METRIC_RULES[c.metric];
  const tolerance = rule.tolerance(gate);
  const s = c.stored;
  if (rule.scale === 'absolute') {
    const base = s ? s.baselineValue : null;
    const upper = s?.test ? s.baselineValue + s.test.high : null;
    return {
      current: c.current,
      baseline: base,
      change: base === null ? null : base > 0 ? c.current / base - 1 : c.current === 0 ? 0 : null,
      interval:
        s?.test && base !== null && base > 0 ? [s.test.low / base, s.test.high / base] : null,
      verdict: decideErrorRate(c.current, tolerance, upper, s !== null),
    };
  }
  if (!s)
    return {
      current: c.current,
      baseline: null,
      change: null,
      interval: null,
      verdict: 'no-baseline',
    };
  if (!s.test || Number.isNaN(c.adjustedP)) {
    const change = s.baselineValue > 0 ? c.current / s.baselineValue - 1 : null;
    return {
      current: c.current,
      baseline: s.baselineValue,
      change,
      interval: null,
      verdict: 'inconclusive',
    };
  }
  return {
    current: c.current,
    baseline: s.baselineValue,
    // The change is the test's own estimate, so the number always agrees with the verdict.
    change: Math.exp(s.test.estimate) - 1,
    interval: [Math.exp(s.test.low) - 1, Math.exp(s.test.high) - 1],
    verdict: decideLogMetric(s.test, c.adjustedP, rule.direction, tolerance, alpha),
  };
}

function overallVerdict(cases: Case[], hasBaseline: boolean): Verdict {
  const gated = cases.filter((c) => METRIC_RULES[c.metric].gated).map((c) => c.result.verdict);
  if (gated.includes('regression')) return 'regression';
  if (!hasBaseline) return 'no-baseline';
  if (gated.includes('inconclusive')) return 'inconclusive';
  return 'pass';
}

function metricSet(cases: Case[], scope: string | null): MetricSet {
  const get = (m: MetricName) =>
    (cases.find((c) => c.scope === scope && c.metric === m) as Case).result;
  return {
    rps: get('rps'),
    p50: get('p50'),
    p95: get('p95'),
    p99: get('p99'),
    errorRate: get('errorRate'),
  };
}

export function compare(input: ComparisonInput): Comparison {
  const entries = input.baseline ?? [];
  const hasBaseline = entries.length > 0;
  const conservative = hasBaseline && entries.length < MIN_ENTRIES_FOR_PREDICTION;
  const alpha = conservative
    ? Math.min(FEW_RUNS_ALPHA, input.alpha ?? DEFAULT_ALPHA)
    : (input.alpha ?? DEFAULT_ALPHA);
  const cases = buildCases(input, entries);
  applyHolm(cases);
  for (const c of cases) c.result = decide(c, input.gate, alpha);
  const verdict = overallVerdict(cases, hasBaseline);
  const gatedTests = Math.max(1, cases.filter((c) => c.family === 'gated').length);
  const gatedPlanned =
    input.current.endpoints.length >= 2 ? 2 + 2 * input.current.endpoints.length : 2;
  const rpsCase = cases.find((c) => c.scope === null && c.metric === 'rps');
  const noise = noiseReport(
    input.current.rounds,
    rpsCase?.stored?.test ?? null,
    alpha / (hasBaseline ? gatedTests : gatedPlanned),
  );
  const method: Comparison['method'] = hasBaseline
    ? conservative
      ? 'rounds'
      : 'prediction'
    : 'none';
  return {
    verdict,
    summary: summarySentence({
      verdict,
      cases,
      gate: input.gate,
      baselineRuns: entries.length,
      method,
      alpha,
      note: input.note ?? null,
    }),
    metrics: metricSet(cases, null),
    endpoints: input.current.endpoints.map((ep) => ({
      name: ep.name,
      metrics: metricSet(cases, ep.name),
    })),
    noise,
    method,
    baselineRuns: entries.length,
    alpha,
  };
}
