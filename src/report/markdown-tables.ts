/**
 * The Markdown tables of a report: headline metrics, per-endpoint figures, rounds. Every cell
 * that holds outside text goes through escapeMarkdown, so a name like `a|b` or `<img>` stays a
 * cell's text. A table is always emitted whole (header, rule, rows).
 */
import { escapeMarkdown, truncate } from './escape.js';
import {
  METRIC_LABEL,
  METRIC_ORDER,
  VERDICT_ICON,
  VERDICT_WORD,
  formatMetric,
  formatMetricChange,
} from './format.js';
import {
  formatCount,
  formatInterval,
  formatMs,
  formatRate,
  formatRps,
  formatSeconds,
} from '../util/format.js';
import type { EndpointReport, MetricSet, RoundReport, Verdict } from './types.js';
import { endpointVerdict } from './verdicts.js';

export type Align = 'left' | 'right' | 'center';

const RULE: Record<Align, string> = { left: ':--', right: '--:', center: ':-:' };

/** Keep a number with its unit, and an interval's ends together: narrow tables wrap badly. */
function keepTogether(cell: string): string {
  return cell
    .replace(/(\d) (ms|s|%|MiB|KiB|GiB|B)(?= |$)/g, '$1\u00a0$2')
    .replace(/ ([…×]) ?/g, (_m, c: string) => `\u00a0${c}${c === '…' ? '\u00a0' : ''}`);
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(keepTogether).join(' | ')} |`;
}

/** A GFM table; cells must already be escaped. */
export function mdTable(
  header: readonly string[],
  align: readonly Align[],
  rows: readonly string[][],
) {
  return [row(header), row(align.map((a) => RULE[a])), ...rows.map(row)].join('\n');
}

export function verdictCell(v: Verdict): string {
  return `${VERDICT_ICON[v]}\u00a0${VERDICT_WORD[v]}`;
}

/** The headline table: RPS, p95, p99, p50 and error rate against the baseline. */
export function metricsTable(metrics: MetricSet): string {
  const rows = METRIC_ORDER.map((name) => {
    const m = metrics[name];
    return [
      `**${METRIC_LABEL[name]}**`,
      formatMetric(name, m.baseline),
      formatMetric(name, m.current),
      formatMetricChange(name, m),
      formatInterval(m.interval),
      verdictCell(m.verdict),
    ];
  });
  return mdTable(
    ['Metric', 'Baseline', 'Current', 'Change', '95% interval', 'Verdict'],
    ['left', 'right', 'right', 'right', 'center', 'left'],
    rows,
  );
}

/** Longest endpoint name shown before it is shortened with `…`. */
export const ENDPOINT_NAME_MAX = 120;

function errorKinds(byKind: Record<string, number>): string {
  const top = Object.entries(byKind)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  return top.map(([k, n]) => `${escapeMarkdown(truncate(k, 40))} ×${formatCount(n)}`).join(', ');
}

function endpointRow(e: EndpointReport, nameMax: number): string[] {
  const m = e.metrics;
  const errors =
    e.errors === 0
      ? '0'
      : `${formatCount(e.errors)} (${formatRate(m.errorRate.current)})` +
        (Object.keys(e.errorsByKind).length > 0 ? `<br>${errorKinds(e.errorsByKind)}` : '');
  return [
    escapeMarkdown(truncate(e.name, nameMax)),
    formatCount(e.requests),
    formatRps(m.rps.current),
    formatMetricChange('rps', m.rps),
    formatMs(m.p95.current),
    formatMetricChange('p95', m.p95),
    formatMs(m.p99.current),
    errors,
    verdictCell(endpointVerdict(e)),
  ];
}

const ENDPOINT_HEADER = [
  'Endpoint',
  'Requests',
  'RPS',
  'RPS change',
  'p95',
  'p95 change',
  'p99',
  'Errors',
  'Verdict',
];
const ENDPOINT_ALIGN: Align[] = [
  'left',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right',
  'left',
];

/** Per-endpoint figures; `rows` limits how many endpoints are listed (worst verdicts first). */
export function endpointsTable(
  endpoints: readonly EndpointReport[],
  rows = Infinity,
  nameMax = ENDPOINT_NAME_MAX,
) {
  return mdTable(
    ENDPOINT_HEADER,
    ENDPOINT_ALIGN,
    endpoints.slice(0, rows).map((e) => endpointRow(e, nameMax)),
  );
}

function roundNotes(r: RoundReport): string {
  const notes: string[] = [];
  if (r.generatorBound) {
    notes.push(
      `⚠️ generator-bound${r.generatorNote ? `: ${escapeMarkdown(truncate(r.generatorNote, 120))}` : ''}`,
    );
  }
  if (r.crashed) notes.push('💥 a worker crashed');
  return notes.join('<br>');
}

export function roundsTable(rounds: readonly RoundReport[]): string {
  return mdTable(
    ['Round', 'Seconds', 'Requests', 'RPS', 'p50', 'p95', 'p99', 'Errors', 'Notes'],
    ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rounds.map((r) => [
      String(r.index + 1),
      formatSeconds(r.seconds),
      formatCount(r.requests),
      formatRps(r.rps),
      formatMs(r.p50),
      formatMs(r.p95),
      formatMs(r.p99),
      r.errors === 0 ? '0' : `${formatCount(r.errors)} (${formatRate(r.errorRate)})`,
      roundNotes(r),
    ]),
  );
}
