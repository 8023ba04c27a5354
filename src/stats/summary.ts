/**
 * The one sentence that explains a verdict with numbers: the metric that decided it, its change
 * and interval, the tolerance, and what the baseline was. Pure.
 */
import type { GateConfig } from '../config/types.js';
import type { MetricName, MetricResult, Verdict } from './types.js';
import { METRIC_RULES } from './rules.js';
import type { ComparisonMethod } from './compare.js';
import { count, formatGrouped, formatPercent, percent } from '../util/format.js';

export interface SummaryCase {
  scope: string | null;
  metric: MetricName;
  current: number;
  result: MetricResult;
}

export interface SummaryInput {
  verdict: Verdict;
  cases: SummaryCase[];
  gate: GateConfig;
  baselineRuns: number;
  method: ComparisonMethod;
  alpha: number;
  note: string | null;
  /** With method assumed-spread: the runner spread assumed (log-scale SD). */
  assumedSpread?: number;
}

function value(metric: MetricName, v: number): string {
  if (metric === 'rps') return `${formatGrouped(v, 1)} RPS`;
  if (metric === 'errorRate') return formatPercent(v, 2);
  return `${v.toPrecision(3)} ms`;
}

function subject(c: SummaryCase): string {
  const label = METRIC_RULES[c.metric].label;
  return c.scope === null ? label : `${label} of "${c.scope}"`;
}

function interval(r: MetricResult): string {
  return r.interval
    ? ` (95% interval ${percent(r.interval[0], true)} to ${percent(r.interval[1], true)})`
    : '';
}

function tolerance(metric: MetricName, gate: GateConfig): string {
  const t = METRIC_RULES[metric].tolerance(gate);
  return METRIC_RULES[metric].direction === 'higher-is-better'
    ? `-${percent(t)}`
    : `+${percent(t)}`;
}

function against(s: SummaryInput): string {
  if (s.method === 'prediction') return ` against ${s.baselineRuns} baseline runs`;
  if (s.method === 'paired')
    return ` against the base commit in ${s.baselineRuns} interleaved blocks`;
  if (s.method === 'assumed-spread') {
    return ` against ${count(s.baselineRuns, 'baseline run')} (too few to measure runner-to-runner noise, so a spread of ${percent(s.assumedSpread ?? 0)} between runners is assumed)`;
  }
  return '';
}

function regressionSentence(c: SummaryCase, s: SummaryInput): string {
  const r = c.result;
  if (c.metric === 'errorRate') {
    return `Regression: the error rate${c.scope === null ? '' : ` of "${c.scope}"`} is ${formatPercent(c.current, 2)}, above the ${formatPercent(s.gate.errors, 2)} ceiling`;
  }
  const change = r.change ?? 0;
  const verb = change < 0 ? 'fell' : 'rose';
  return `Regression: ${subject(c)} ${verb} ${percent(Math.abs(change))}${interval(r)}${against(s)}, beyond the ${tolerance(c.metric, s.gate)} tolerance`;
}

/** The whole 95% interval lies on the bad side of the tolerance. */
function wholeIntervalBeyond(c: SummaryCase, gate: GateConfig): boolean {
  const iv = c.result.interval;
  if (!iv) return false;
  const rule = METRIC_RULES[c.metric];
  const t = rule.tolerance(gate);
  return rule.direction === 'higher-is-better' ? iv[1] < -t : iv[0] > t;
}

function inconclusiveSentence(c: SummaryCase, s: SummaryInput): string {
  const r = c.result;
  if (c.metric === 'errorRate') {
    return `Inconclusive: the error rate${c.scope === null ? '' : ` of "${c.scope}"`} is ${formatPercent(c.current, 2)}, under the ${formatPercent(s.gate.errors, 2)} ceiling, but varies between rounds enough that it could be above it; nothing regressed`;
  }
  if (r.change === null || !r.interval) {
    return `Inconclusive: ${subject(c)} could not be tested (too few rounds to measure the noise)${against(s)}; nothing regressed`;
  }
  if (wholeIntervalBeyond(c, s.gate)) {
    // Only possible when the correction for several tested metrics (Holm) raised the p-value.
    return `Inconclusive: ${subject(c)} changed ${percent(r.change, true)}${interval(r)}${against(s)}, beyond the ${tolerance(c.metric, s.gate)} tolerance but not significant once corrected for the number of metrics and endpoints tested; nothing regressed`;
  }
  return `Inconclusive: ${subject(c)} changed ${percent(r.change, true)}${interval(r)}${against(s)}, too noisy to tell whether it is within the ${tolerance(c.metric, s.gate)} tolerance; nothing regressed`;
}

/**
 * The gated cases in the order a verdict is explained: overall before endpoints; the error
 * ceiling first because it needs no statistics, then RPS, then p95.
 */
export function explainOrder<C extends SummaryCase>(cases: readonly C[]): C[] {
  const gated = cases.filter((c) => METRIC_RULES[c.metric].gated);
  const byOrder = (metric: MetricName) => gated.filter((c) => c.metric === metric);
  return [...byOrder('errorRate'), ...byOrder('rps'), ...byOrder('p95')].sort(
    (a, b) => Number(a.scope !== null) - Number(b.scope !== null),
  );
}

export function summarySentence(s: SummaryInput): string {
  const ordered = explainOrder(s.cases);
  const overall = (m: MetricName) =>
    s.cases.find((c) => c.scope === null && c.metric === m) as SummaryCase;
  if (s.verdict === 'regression') {
    const hits = ordered.filter((c) => c.result.verdict === 'regression');
    const more = hits.length - 1;
    const tail = more > 0 ? `; ${count(more, 'more gated metric')} regressed` : '';
    return `${regressionSentence(hits[0] as SummaryCase, s)}${tail}.`;
  }
  if (s.verdict === 'inconclusive') {
    return `${inconclusiveSentence(ordered.find((c) => c.result.verdict === 'inconclusive') as SummaryCase, s)}.`;
  }
  const rps = overall('rps');
  const p95 = overall('p95');
  const err = overall('errorRate');
  if (s.verdict === 'no-baseline') {
    const why = s.note ? ` (${s.note})` : '';
    return `No baseline to compare with${why}: this run measured ${value('rps', rps.current)}, p95 ${value('p95', p95.current)} and a ${formatPercent(err.current, 2)} error rate.`;
  }
  const show = (c: SummaryCase) =>
    `${METRIC_RULES[c.metric].label} ${percent(c.result.change ?? 0, true)}${interval(c.result)}`;
  return `Pass: ${show(rps)} and ${show(p95)} are within tolerance (RPS ${tolerance('rps', s.gate)}, p95 ${tolerance('p95', s.gate)})${against(s)}, and the error rate ${formatPercent(err.current, 2)} is under the ${formatPercent(s.gate.errors, 2)} ceiling.`;
}
