/**
 * Several series in one result (`loadgate merge` of reports from several configs, services or
 * scenarios): one comment with a summary table, one section per series and one overall verdict
 * (the worst). One series renders exactly as `run` does; these are for two or more.
 */
import { escapeMarkdown, truncate } from './escape.js';
import { VERDICT_HEADLINE, VERDICT_ICON } from './format.js';
import { formatMs, formatRate, formatRps } from '../util/format.js';
import { renderJson } from './json.js';
import { DEFAULT_MAX_CHARS, renderMarkdown } from './markdown.js';
import { commentMarker, verdictMarker } from './marker.js';
import { renderText } from './text.js';
import type { Report, Verdict } from './types.js';
import { worstVerdict } from './verdicts.js';

/** The JSON of several series (docs/report.md "Several series"). */
export interface MultiReport {
  schema: 1;
  kind: 'loadgate-multi';
  verdict: Verdict;
  series: Report[];
}

/** The comment identity of a merged result: one sticky comment per job, whatever the series. */
export const MULTI_MARKER_NAME = 'loadgate-merge';

export function overallVerdict(reports: readonly Report[]): Verdict {
  return worstVerdict(reports.map((r) => r.verdict));
}

export function renderMultiJson(reports: readonly Report[]): string {
  const series = reports.map((r) => JSON.parse(renderJson(r)) as Report);
  const doc: MultiReport = {
    schema: 1,
    kind: 'loadgate-multi',
    verdict: overallVerdict(reports),
    series,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function summaryTable(reports: readonly Report[]): string {
  const rows = reports.map((r) => {
    const m = r.metrics;
    return `| ${escapeMarkdown(truncate(r.name, 80))} | ${VERDICT_ICON[r.verdict]} ${VERDICT_HEADLINE[r.verdict]} | ${formatRps(m.rps.current)} | ${formatMs(m.p95.current)} | ${formatRate(m.errorRate.current)} |`;
  });
  return ['| Series | Verdict | RPS | p95 | Errors |', '|---|---|---:|---:|---:|', ...rows].join(
    '\n',
  );
}

/** Drops a series comment's hidden markers: the merged comment has its own. */
function withoutMarkers(markdown: string): string {
  return markdown
    .split('\n')
    .filter((l) => !/^<!-- loadgate[:-]/.test(l))
    .join('\n')
    .trim();
}

export interface MultiMarkdownOptions {
  marker?: string;
  runUrl?: string | null;
  maxChars?: number;
}

export function renderMultiMarkdown(
  reports: readonly Report[],
  opts: MultiMarkdownOptions = {},
): string {
  const verdict = overallVerdict(reports);
  const max = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const head = [
    `${opts.marker ?? commentMarker(MULTI_MARKER_NAME)}\n${verdictMarker(verdict)}`,
    `## ${VERDICT_ICON[verdict]} loadgate: ${VERDICT_HEADLINE[verdict]} (${reports.length} series)`,
    summaryTable(reports),
  ].join('\n\n');
  // Each series gets an even share of what the table leaves; its renderer shortens to fit.
  const share = Math.max(2_000, Math.floor((max - head.length - 200) / reports.length) - 20);
  const sections = reports.map((r) =>
    withoutMarkers(renderMarkdown(r, { marker: '', runUrl: opts.runUrl ?? null, maxChars: share })),
  );
  return truncate([head, ...sections].join('\n\n---\n\n'), max);
}

export function renderMultiText(
  reports: readonly Report[],
  opts: { color?: boolean } = {},
): string {
  const verdict = overallVerdict(reports);
  const sections = reports.map((r) => renderText(r, opts));
  const line = `loadgate: ${reports.length} series, overall ${VERDICT_HEADLINE[verdict]} (${reports
    .map((r) => `${r.name}: ${r.verdict}`)
    .join(', ')})`;
  return [...sections, line].join('\n\n');
}
