/**
 * Trend charts as Mermaid `xychart-beta`, which GitHub renders in comments and job summaries:
 * recent baseline history plus this run, one chart for RPS and one for p95 (one y-axis each).
 */
import { codeBlock } from './escape.js';

import type { HistoryPoint } from './types.js';
import { plainNumber } from '../util/format.js';

export type { HistoryPoint };

/** At most this many points per chart (the newest), so the chart stays readable. */
export const CHART_POINTS_MAX = 30;

/** Mermaid labels are quoted strings: keep a safe, short subset of characters. */
function label(s: string): string {
  const clean = s.replace(/[^\p{L}\p{N} ._:/#+-]/gu, '').trim();
  return `"${clean.slice(0, 24) || '?'}"`;
}

function chart(title: string, axis: string, labels: string[], values: number[], digits: number) {
  const max = Math.max(0, ...values.filter(Number.isFinite));
  const top = max > 0 ? Number((max * 1.15).toPrecision(2)) : 1;
  return codeBlock(
    [
      'xychart-beta',
      `  title "${title}"`,
      `  x-axis [${labels.join(', ')}]`,
      `  y-axis "${axis}" 0 --> ${top}`,
      `  bar [${values.map((v) => plainNumber(v, digits)).join(', ')}]`,
      `  line [${values.map((v) => plainNumber(v, digits)).join(', ')}]`,
    ],
    'mermaid',
  );
}

/** Two Mermaid charts (RPS, then p95), history oldest first with `current` as the last point. */
export function trendCharts(history: readonly HistoryPoint[], current: HistoryPoint): string {
  const points = [...history.slice(-(CHART_POINTS_MAX - 1)), current];
  const labels = points.map((p) => label(p.label));
  return [
    chart(
      'RPS (higher is better)',
      'requests/s',
      labels,
      points.map((p) => p.rps),
      digitsFor(points.map((p) => p.rps)),
    ),
    chart(
      'p95 latency (lower is better)',
      'ms',
      labels,
      points.map((p) => p.p95),
      digitsFor(points.map((p) => p.p95)),
    ),
  ].join('\n\n');
}

/** Enough decimals to tell small values apart, none for large ones. */
function digitsFor(values: number[]): number {
  const max = Math.max(0, ...values.filter(Number.isFinite));
  return max >= 100 ? 0 : max >= 10 ? 1 : 2;
}
