/**
 * The PR comment and job summary. Always fits `maxChars` (GitHub caps a comment at 65,536
 * characters): detail is dropped part by part in a fixed order, whole tables at a time, and the
 * comment says what was left out.
 */
import { trendCharts, type HistoryPoint } from './chart.js';
import { escapeMarkdown, truncate } from './escape.js';
import { VERDICT_HEADLINE, VERDICT_ICON, describeLoad, formatTime, shortCommit } from './format.js';
import { formatCount } from '../util/format.js';
import { commentMarker, verdictMarker } from './marker.js';
import {
  environmentSection,
  failureSection,
  serverSection,
  warningsSection,
} from './markdown-context.js';
import { endpointsTable, metricsTable, roundsTable } from './markdown-tables.js';
import type { Report, Verdict } from './types.js';
import { endpointVerdict, worstVerdict } from './verdicts.js';

export interface MarkdownOptions {
  /** Hidden marker(s) at the top (commentMarker); defaults to the series' identity marker. */
  marker?: string;
  /** Link to the workflow run. */
  runUrl?: string | null;
  /** Recent baseline entries, oldest first, for the trend chart (default: the report's `history`). */
  history?: HistoryPoint[];
  /** Label of this run in the chart (default "this run"). */
  currentLabel?: string;
  /** The verdict the previous comment showed: a fixed regression is said to be fixed. */
  previousVerdict?: Verdict | null;
  /** Default 65,000 (GitHub's comment limit is 65,536). */
  maxChars?: number;
}

export const DEFAULT_MAX_CHARS = 65_000;
const SUMMARY_MAX = 1_500;

interface Part {
  /** What the reader misses when this part is reduced, for the "left out" note. */
  what: string;
  /** Renderings from richest to smallest; `room` is the characters the part may use. */
  variants: ((room: number) => string)[];
}

function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return null;
  }
}

function headline(r: Report, opts: MarkdownOptions): string {
  const lines = [
    `### ${VERDICT_ICON[r.verdict]} loadgate · ${escapeMarkdown(truncate(r.name, 100))}: ${VERDICT_HEADLINE[r.verdict]}`,
    '',
    escapeMarkdown(truncate(r.summary, SUMMARY_MAX)),
  ];
  if (r.advice) {
    lines.push('', `**Why undecided:** ${escapeMarkdown(truncate(r.advice.text, SUMMARY_MAX))}`);
  }
  if (opts.previousVerdict === 'regression' && r.verdict !== 'regression') {
    lines.push('', '✅ **Fixed:** the previous run found a regression; this run does not.');
  }
  return lines.join('\n');
}

function details(summary: string, body: string): string {
  return ['<details>', `<summary>${summary}</summary>`, '', body, '', '</details>'].join('\n');
}

/** Endpoints sorted worst verdict first (stable), so a cut list still shows every regression. */
function endpointsPart(r: Report): Part {
  const eps = r.endpoints
    .map((e, i) => ({ e, i, v: endpointVerdict(e) }))
    .sort((a, b) => (a.v === b.v ? a.i - b.i : worstVerdict([a.v, b.v]) === a.v ? -1 : 1))
    .map((x) => x.e);
  const n = eps.length;
  const title = `Per-endpoint figures (${formatCount(n)})`;
  const fit = (room: number, nameMax: number) => {
    // Largest row count that fits, by bisection: each try renders a whole table.
    let lo = 0;
    let hi = n;
    const render = (k: number) =>
      details(
        `Per-endpoint figures (${formatCount(k)} of ${formatCount(n)}, worst first)`,
        endpointsTable(eps, k, nameMax),
      );
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (render(mid).length <= room) lo = mid;
      else hi = mid - 1;
    }
    return lo === 0 ? '' : render(lo);
  };
  return {
    what: 'per-endpoint figures',
    variants:
      n === 0
        ? [() => '']
        : [() => details(title, endpointsTable(eps)), (room) => fit(room, 40), () => ''],
  };
}

/** Display order, and the order in which parts give up detail when the comment is too long. */
const DISPLAY = [
  'head',
  'warnings',
  'chart',
  'endpoints',
  'server',
  'rounds',
  'environment',
] as const;
const DROP_ORDER = ['endpoints', 'rounds', 'chart', 'server', 'warnings'] as const;
type PartKey = (typeof DISPLAY)[number];

function parts(r: Report, opts: MarkdownOptions): Record<PartKey, Part> {
  // Reports read back from JSON written before `history` existed have none.
  const history = opts.history ?? r.history ?? [];
  const current = {
    label: opts.currentLabel ?? 'this run',
    rps: r.metrics.rps.current,
    p95: r.metrics.p95.current,
  };
  const chart = history.length > 0 ? `#### Trend\n\n${trendCharts(history, current)}` : '';
  const roundsBody =
    r.rounds.length > 0 ? details(`Rounds (${r.rounds.length})`, roundsTable(r.rounds)) : '';
  const fixed = (s: string): Part => ({ what: '', variants: [() => s] });
  return {
    // A failed run compared nothing: what failed and its log replace the figures.
    head: fixed(
      r.failure
        ? [headline(r, opts), '', failureSection(r.failure)].join('\n')
        : [headline(r, opts), '', metricsTable(r.metrics), '', describeLoad(r)].join('\n'),
    ),
    warnings: {
      what: 'some warnings',
      variants: [
        () => warningsSection(r.warnings),
        () => warningsSection(r.warnings, 3),
        () => warningsSection(r.warnings, 0),
      ],
    },
    chart: { what: 'the trend chart', variants: chart ? [() => chart, () => ''] : [() => ''] },
    endpoints: endpointsPart(r),
    server: {
      what: 'per-process figures and crash logs',
      variants: [
        () => serverSection(r, 'full'),
        () => serverSection(r, 'brief'),
        () => serverSection(r, 'minimal'),
      ],
    },
    rounds: {
      what: 'per-round figures',
      variants: roundsBody ? [() => roundsBody, () => ''] : [() => ''],
    },
    environment: fixed(environmentSection(r)),
  };
}

function footer(r: Report, opts: MarkdownOptions): string {
  const url = safeUrl(opts.runUrl);
  const commit = shortCommit(r.commit);
  const bits = [
    url === null ? null : `[Workflow run](${url})`,
    commit === null ? null : `commit \`${commit.replace(/[^0-9a-zA-Z]/g, '')}\``,
    r.versions['loadgate'] ? `loadgate ${escapeMarkdown(r.versions['loadgate'])}` : 'loadgate',
    escapeMarkdown(formatTime(r.createdAt)),
  ].filter((x) => x !== null);
  return `<sub>${bits.join(' · ')}</sub>`;
}

export function renderMarkdown(r: Report, opts: MarkdownOptions = {}): string {
  const max = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const top = `${opts.marker ?? commentMarker(r.name)}\n${verdictMarker(r.verdict)}`;
  const end = footer(r, opts);
  const all = parts(r, opts);
  const level: Record<string, number> = {};
  const text: Record<string, string> = {};
  for (const k of DISPLAY) text[k] = all[k].variants[0]?.(Infinity) ?? '';
  const note = (lost: string[]) =>
    lost.length === 0
      ? ''
      : `_Left out to keep this comment under ${formatCount(max)} characters: ${lost.join(', ')}. The JSON report has everything._`;
  const assemble = () => {
    const lost = DROP_ORDER.filter((k) => (level[k] ?? 0) > 0).map((k) => all[k].what);
    return [top, ...DISPLAY.map((k) => text[k] ?? ''), note(lost), end]
      .filter((s) => s !== '')
      .join('\n\n');
  };

  let out = assemble();
  for (const k of DROP_ORDER) {
    while (out.length > max && (level[k] ?? 0) < all[k].variants.length - 1) {
      level[k] = (level[k] ?? 0) + 1;
      // Room for this part: the limit minus everything else, minus a margin for the note.
      const room = max - (out.length - (text[k] ?? '').length) - 400;
      text[k] = all[k].variants[level[k]]?.(room) ?? '';
      out = assemble();
    }
  }
  // Later cuts may have freed room: give detail back, most valued parts first.
  for (const k of [...DROP_ORDER].reverse()) {
    const current = level[k] ?? 0;
    for (let lv = 0; lv < current && out.length <= max; lv++) {
      const before = text[k] ?? '';
      const room = max - (out.length - before.length) - 400;
      text[k] = all[k].variants[lv]?.(room) ?? '';
      level[k] = lv;
      const grown = assemble();
      if (grown.length <= max && text[k] !== '') {
        out = grown;
        break;
      }
      text[k] = before;
      level[k] = current;
    }
  }
  out = assemble();
  if (out.length <= max) return out;
  // Last resorts (a tiny limit): the headline table alone, then the headline cut as plain text.
  const lost = DROP_ORDER.map((k) => all[k].what).concat('how the API ran', 'runner and baseline');
  const essentials = [top, text.head, note(lost), end].join('\n\n');
  if (essentials.length <= max) return essentials;
  return truncate(`${top}\n\n${headline(r, opts)}`, max);
}
