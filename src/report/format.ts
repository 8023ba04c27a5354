/**
 * The report's vocabulary shared by every renderer: metric and verdict labels, a metric's value
 * and change in its unit, the load sentence, names and times. Numbers themselves are formatted by
 * src/util/format.ts (the one formatting leaf).
 */
import type { MetricName, Report, Verdict } from './types.js';
import {
  count,
  formatChange,
  formatCount,
  formatMs,
  formatPointChange,
  formatRate,
  formatRps,
  formatSeconds,
} from '../util/format.js';

/**
 * How a worker is named everywhere (text, Markdown, JSON, logs, log files): from 0, as in the
 * JSON report's `crashes[].worker`; -1 is the main process of a `workers: self` server.
 */
export function workerName(index: number): string {
  return index < 0 ? 'main process' : `worker ${index}`;
}

/** A metric's value in its own unit. */
export function formatMetric(metric: MetricName, n: number | null): string {
  if (metric === 'rps') return formatRps(n);
  if (metric === 'errorRate') return formatRate(n);
  return formatMs(n);
}

/**
 * A metric's change. Error rates are shown in percentage points when the relative change has no
 * meaning (a baseline of zero errors).
 */
export function formatMetricChange(
  metric: MetricName,
  m: { current: number; baseline: number | null; change: number | null },
): string {
  if (metric === 'errorRate' && m.change === null) return formatPointChange(m.current, m.baseline);
  return formatChange(m.change);
}

export const METRIC_ORDER: readonly MetricName[] = ['rps', 'p95', 'p99', 'p50', 'errorRate'];

export const METRIC_LABEL: Record<MetricName, string> = {
  rps: 'RPS',
  p50: 'p50 latency',
  p95: 'p95 latency',
  p99: 'p99 latency',
  errorRate: 'Error rate',
};

/** Every verdict (the compiler checks that none is missing). */
export const VERDICTS = ['pass', 'regression', 'inconclusive', 'no-baseline', 'error'] as const;
const _everyVerdict: Exclude<Verdict, (typeof VERDICTS)[number]> extends never ? true : never =
  true;

export const VERDICT_ICON: Record<Verdict, string> = {
  pass: '✅',
  regression: '❌',
  inconclusive: '⚠️',
  'no-baseline': '🆕',
  error: '🛑',
};

export const VERDICT_WORD: Record<Verdict, string> = {
  pass: 'pass',
  regression: 'regression',
  inconclusive: 'inconclusive',
  'no-baseline': 'new',
  error: 'error',
};

/** The headline's wording of a run's verdict. */
export const VERDICT_HEADLINE: Record<Verdict, string> = {
  pass: 'no regression',
  regression: 'performance regression',
  inconclusive: 'inconclusive',
  'no-baseline': 'no baseline to compare with',
  error: 'the run failed',
};

export function shortCommit(commit: string | null): string | null {
  return commit === null ? null : commit.slice(0, 7);
}

/** One sentence on how much was measured and how. */
export function describeLoad(r: Report): string {
  const l = r.load;
  const model =
    l.model === 'open'
      ? `open model at ${formatCount(l.rate ?? 0)} req/s`
      : `closed model, ${formatCount(l.connections)} connections`;
  const errors = r.totals.errors === 0 ? 'no errors' : `${formatCount(r.totals.errors)} errors`;
  return (
    `${formatCount(r.totals.requests)} requests in ${formatSeconds(r.totals.seconds)} measured ` +
    `(${count(l.rounds, 'round')} of ${formatSeconds(l.durationMs / 1000)} after ${formatSeconds(l.warmupMs / 1000)} warm-up; ${model}), ${errors}.`
  );
}

/** A timestamp as `2026-05-01 10:00 UTC`; anything unparsable is returned as it is. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
