/**
 * From per-metric tests to verdicts, whatever produced the tests (stored history or paired
 * A/B blocks):
 *
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
 * Pure.
 */
import type { GateConfig } from '../config/types.js';
import type {
  MetricName,
  MetricResult,
  MetricSet,
  Advice,
  RoundNoise,
  RoundMetrics,
  Verdict,
} from './types.js';
import { holmAdjust } from './holm.js';
import type { TInterval } from './intervals.js';
import { noiseReport } from './noise.js';
import { decideErrorRate, decideLogMetric, METRIC_NAMES, METRIC_RULES } from './rules.js';
import { explainOrder, summarySentence, type SummaryInput, type SummaryCase } from './summary.js';
import { adviceFor, type AdviceContext } from './advice.js';
import type { BootLevelTest } from './boot-level.js';

/** What the run measured: overall figures (merged histograms) and one value per round. */
export interface CurrentRun {
  overall: RoundMetrics;
  rounds: RoundMetrics[];
  endpoints: { name: string; overall: RoundMetrics; rounds: RoundMetrics[] }[];
}

/** A metric's test against its baseline: the baseline's centre and the interval of the change. */
export interface MetricTest {
  /** On the original scale (ms, RPS, fraction). */
  baselineValue: number;
  /** current - baseline on the test scale (log ratio, or absolute for error rate); null: untestable. */
  test: TInterval | null;
  /** Paired A/B over boot pairs: how the boot pairs entered the interval. */
  boots?: BootLevelTest;
}

export interface Scope {
  /** null: the whole scenario. */
  name: string | null;
  current: RoundMetrics;
  rounds: RoundMetrics[];
}

export interface Evaluation {
  verdict: Verdict;
  summary: string;
  metrics: MetricSet;
  endpoints: { name: string; metrics: MetricSet }[];
  noise: RoundNoise;
  /** With `inconclusive`: why, and what would decide it. */
  advice: Advice | null;
}

interface Case extends SummaryCase {
  tested: MetricTest | null;
  family: 'gated' | 'reported' | null;
  adjustedP: number;
}

export function scopesOf(current: CurrentRun): Scope[] {
  return [
    { name: null, current: current.overall, rounds: current.rounds },
    ...current.endpoints.map((e) => ({ name: e.name, current: e.overall, rounds: e.rounds })),
  ];
}

function applyHolm(cases: Case[]): void {
  for (const family of ['gated', 'reported'] as const) {
    const members = cases.filter((c) => c.family === family);
    const adjusted = holmAdjust(members.map((c) => (c.tested?.test as TInterval).p));
    members.forEach((c, i) => (c.adjustedP = adjusted[i] as number));
  }
  for (const c of cases) {
    if (c.scope !== null && c.family === null && c.tested?.test) {
      c.adjustedP = cases.find((o) => o.scope === null && o.metric === c.metric)?.adjustedP ?? NaN;
    }
  }
}

function finite(a: number, b: number): [number, number] | null {
  return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : null;
}

function decide(c: Case, gate: GateConfig, alpha: number): MetricResult {
  const rule = METRIC_RULES[c.metric];
  const tolerance = rule.tolerance(gate);
  const t = c.tested;
  if (rule.scale === 'absolute') {
    const base = t ? t.baselineValue : null;
    const upper = t?.test ? t.baselineValue + t.test.high : null;
    return {
      current: c.current,
      baseline: base,
      change: base === null ? null : base > 0 ? c.current / base - 1 : c.current === 0 ? 0 : null,
      interval:
        t?.test && base !== null && base > 0 ? finite(t.test.low / base, t.test.high / base) : null,
      verdict: decideErrorRate(c.current, tolerance, upper, t !== null),
    };
  }
  if (!t)
    return {
      current: c.current,
      baseline: null,
      change: null,
      interval: null,
      verdict: 'no-baseline',
    };
  if (!t.test || Number.isNaN(c.adjustedP)) {
    const change = t.baselineValue > 0 ? c.current / t.baselineValue - 1 : null;
    return {
      current: c.current,
      baseline: t.baselineValue,
      change,
      interval: null,
      verdict: 'inconclusive',
    };
  }
  return {
    current: c.current,
    baseline: t.baselineValue,
    // The change is the test's own estimate, so the number always agrees with the verdict.
    change: Math.exp(t.test.estimate) - 1,
    interval: finite(Math.exp(t.test.low) - 1, Math.exp(t.test.high) - 1),
    verdict: decideLogMetric(t.test, c.adjustedP, rule.direction, tolerance, alpha),
  };
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

export interface EvaluateOptions {
  gate: GateConfig;
  alpha: number;
  hasBaseline: boolean;
  summary: Omit<SummaryInput, 'verdict' | 'cases' | 'gate' | 'alpha'>;
  /** What the advice for an inconclusive verdict needs beyond the tests. */
  advice?: Pick<AdviceContext, 'canCompareWithBase' | 'maxBlocks' | 'blockSeconds' | 'stageBlocks'>;
}

/** `testFor` gives each scope's metric its test, or null when there is nothing to compare. */
export function evaluate(
  current: CurrentRun,
  testFor: (scope: Scope, metric: MetricName) => MetricTest | null,
  options: EvaluateOptions,
): Evaluation {
  const ownFamily = current.endpoints.length >= 2;
  const cases = scopesOf(current).flatMap((scope) =>
    METRIC_NAMES.map((metric): Case => {
      const rule = METRIC_RULES[metric];
      const tested = testFor(scope, metric);
      const testable = rule.scale === 'log' && tested?.test && (scope.name === null || ownFamily);
      const value = scope.current[metric];
      return {
        scope: scope.name,
        metric,
        current: value,
        tested,
        family: testable ? (rule.gated ? 'gated' : 'reported') : null,
        adjustedP: NaN,
        result: {
          current: value,
          baseline: null,
          change: null,
          interval: null,
          verdict: 'no-baseline',
        },
      };
    }),
  );
  applyHolm(cases);
  for (const c of cases) c.result = decide(c, options.gate, options.alpha);

  const gated = cases.filter((c) => METRIC_RULES[c.metric].gated).map((c) => c.result.verdict);
  let verdict: Verdict = 'pass';
  if (gated.includes('regression')) verdict = 'regression';
  else if (!options.hasBaseline) verdict = 'no-baseline';
  else if (gated.includes('inconclusive')) verdict = 'inconclusive';

  // The noise figure uses the first Holm step's level: the strictest a regression faces.
  const family = options.hasBaseline
    ? cases.filter((c) => c.family === 'gated').length
    : ownFamily
      ? 2 + 2 * current.endpoints.length
      : 2;
  const rps = cases.find((c) => c.scope === null && c.metric === 'rps');
  const noise = noiseReport(
    current.rounds,
    rps?.tested?.test ?? null,
    options.alpha / Math.max(1, family),
  );
  const undecided = explainOrder(cases).find((c) => c.result.verdict === 'inconclusive');
  const advice =
    verdict === 'inconclusive' && undecided
      ? adviceFor(
          {
            scope: undecided.scope,
            metric: undecided.metric,
            test: undecided.tested?.test ?? null,
            boots: undecided.tested?.boots ?? null,
          },
          {
            canCompareWithBase: false,
            ...options.advice,
            method: options.summary.method,
            baselineRuns: options.summary.baselineRuns,
            gate: options.gate,
            alpha: options.alpha / Math.max(1, family),
          },
        )
      : null;
  return {
    verdict,
    advice,
    summary: summarySentence({
      ...options.summary,
      verdict,
      cases,
      gate: options.gate,
      alpha: options.alpha,
    }),
    metrics: metricSet(cases, null),
    endpoints: current.endpoints.map((e) => ({ name: e.name, metrics: metricSet(cases, e.name) })),
    noise,
  };
}
