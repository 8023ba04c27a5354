/**
 * Number and label formatting shared by every renderer. Locale-independent on purpose: a report
 * must read the same on every runner (en-US grouping, `.` decimals).
 */
import type { MetricName, Report, Verdict } from './types.js';
import { count } from '../util/plural.js';

const MISSING = '—';
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function fixed(n: number, digits: number): string {
  return n.toFixed(digits);
}

/** Requests per second: `12,345` from 100 up, `45.3` below, `4.27` below 10. */
export function formatRps(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  if (Math.abs(n) >= 100) return grouped.format(n);
  if (Math.abs(n) >= 10) return fixed(n, 1);
  return fixed(n, 2);
}

/** Milliseconds with precision that suits the size: `0.42 ms`, `4.23 ms`, `42.3 ms`, `423 ms`, `12.3 s`. */
export function formatMs(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  const a = Math.abs(n);
  if (a >= 10_000) return `${fixed(n / 1000, 1)} s`;
  if (a >= 100) return `${grouped.format(n)} ms`;
  if (a >= 10) return `${fixed(n, 1)} ms`;
  return `${fixed(n, 2)} ms`;
}

/** A fraction as a percentage: `0%`, `<0.01%`, `0.12%`, `12.50%`. */
export function formatRate(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  if (n === 0) return '0%';
  if (n > 0 && n < 0.0001) return '<0.01%';
  return `${fixed(n * 100, 2)}%`;
}

/** A relative change: `+3.2%`, `-7.0%`, `+0.0%`; from 10x up without decimals. */
export function formatChange(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  const pct = n * 100;
  const body = Math.abs(pct) >= 1000 ? grouped.format(Math.abs(pct)) : fixed(Math.abs(pct), 1);
  // -0.04% rounds to "0.0": show it as +0.0% rather than a confusing "-0.0%".
  const sign = pct < 0 && body !== '0.0' ? '-' : '+';
  return `${sign}${body}%`;
}

/** A 95% interval of a relative change: `-2.1% … +4.5%`. */
export function formatInterval(iv: readonly [number, number] | null): string {
  if (iv === null) return MISSING;
  return `${formatChange(iv[0])} … ${formatChange(iv[1])}`;
}

/** Difference of two fractions in percentage points: `+0.10 pp`. */
export function formatPointChange(current: number, baseline: number | null): string {
  if (baseline === null || !Number.isFinite(current) || !Number.isFinite(baseline)) return MISSING;
  const pp = (current - baseline) * 100;
  const sign = pp < 0 ? '-' : '+';
  if (pp !== 0 && Math.abs(pp) < 0.005) return `${sign}<0.01 pp`;
  return `${sign}${fixed(Math.abs(pp), 2)} pp`;
}

export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return u === 0 ? `${v} B` : `${fixed(v, v >= 100 ? 0 : 1)} ${units[u]}`;
}

/** Share of one core: `95%`, `180%` (a process using almost two cores). */
export function formatCpu(share: number): string {
  return `${grouped.format(share * 100)}%`;
}

export function formatSeconds(s: number): string {
  return s >= 100 ? `${grouped.format(s)} s` : `${fixed(s, 1)} s`;
}

/**
 * How a worker is named everywhere (text, Markdown, JSON, logs, log files): from 0, as in the
 * JSON report's `crashes[].worker`; -1 is the main process of a `workers: self` server.
 */
export function workerName(index: number): string {
  return index < 0 ? 'main process' : `worker ${index}`;
}

export function formatCount(n: number): string {
  return grouped.format(n);
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
