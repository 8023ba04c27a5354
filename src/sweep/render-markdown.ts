/**
 * The sweep as Markdown for a job summary or a file (pure): the recommendation first, Mermaid
 * `xychart-beta` charts of RPS and p95 against workers (GitHub renders them), and a table.
 * Every string from config or servers goes through the report room's escaping.
 */
import { codeBlock, escapeMarkdown, inlineCode } from '../report/escape.js';
import {
  count,
  formatBytes,
  formatCpu,
  formatMs,
  formatRate,
  formatRps,
  plainNumber,
} from '../util/format.js';
import type { ConcurrencySweep, SweepPoint, SweepReport } from './types.js';
import { cpuLabel, loadLabel } from './labels.js';

function digitsFor(values: readonly number[]): number {
  const max = Math.max(0, ...values.filter(Number.isFinite));
  return max >= 100 ? 0 : max >= 10 ? 1 : 2;
}

/** One Mermaid xychart: bars and a line over the same values (one y-axis per chart). */
export function xyChart(
  title: string,
  xTitle: string,
  labels: readonly number[],
  axis: string,
  values: readonly number[],
): string {
  const max = Math.max(0, ...values.filter(Number.isFinite));
  const top = max > 0 ? Number((max * 1.15).toPrecision(2)) : 1;
  const digits = digitsFor(values);
  const data = `[${values.map((v) => plainNumber(v, digits)).join(', ')}]`;
  return codeBlock(
    [
      'xychart-beta',
      `  title "${title}"`,
      `  x-axis "${xTitle}" [${labels.join(', ')}]`,
      `  y-axis "${axis}" 0 --> ${top}`,
      `  bar ${data}`,
      `  line ${data}`,
    ],
    'mermaid',
  );
}

function cell(s: string): string {
  return escapeMarkdown(s) || ' ';
}

function row(p: SweepPoint, recommended: number | null): string {
  const w = p.workers === recommended ? `**${p.workers}** ✅` : String(p.workers);
  if (p.failure !== null) {
    return `| ${w} | — | — | — | — | — | — | — | failed: ${cell(p.failure)} |`;
  }
  const notes = [
    ...(p.generatorBound ? ['generator-bound'] : []),
    ...(p.crashes > 0 ? [`${p.crashes} crash(es)`] : []),
  ];
  const cpu = p.cpuPerWorker.map(formatCpu).join(' ') || '—';
  return (
    `| ${w} | ${formatRps(p.rps)} | ${formatMs(p.p50)} | ${formatMs(p.p95)} | ${formatMs(p.p99)} | ` +
    `${formatRate(p.errorRate)} | ${cpu} | ${formatBytes(p.memoryBytes)} ${p.memoryKind.toUpperCase()} | ${notes.join(', ')} |`
  );
}

function concurrencySection(c: ConcurrencySweep): string[] {
  const ok = c.points.map((p) => (p.failure === null ? p : { ...p, rps: 0, p95: 0 }));
  return [
    `### Connections at ${count(c.workers, 'worker')}`,
    '',
    escapeMarkdown(c.reason),
    '',
    xyChart(
      'p95 latency by connections (lower is better)',
      'connections',
      ok.map((p) => p.connections),
      'ms',
      ok.map((p) => p.p95),
    ),
    '',
    '| Connections | RPS | p50 | p95 | p99 | Errors |',
    '|---:|---:|---:|---:|---:|---:|',
    ...c.points.map((p) =>
      p.failure !== null
        ? `| ${p.connections} | failed: ${cell(p.failure)} | | | | |`
        : `| ${p.connections}${p.connections === c.knee ? ' (knee)' : ''} | ${formatRps(p.rps)} | ${formatMs(p.p50)} | ${formatMs(p.p95)} | ${formatMs(p.p99)} | ${formatRate(p.errorRate)} |`,
    ),
    '',
  ];
}

export function renderSweepMarkdown(r: SweepReport): string {
  const rec = r.recommendation.workers;
  const workers = r.points.map((p) => p.workers);
  const headline =
    rec === null
      ? '**No worker count to recommend.**'
      : `**Recommended: ${count(rec, 'worker')}.**`;
  const lines = [
    `## loadgate sweep: ${escapeMarkdown(r.name)}`,
    '',
    `${headline} ${escapeMarkdown(r.recommendation.reason)}`,
    '',
    xyChart(
      'RPS by workers (higher is better)',
      'workers',
      workers,
      'requests/s',
      r.points.map((p) => p.rps),
    ),
    '',
    xyChart(
      'p95 latency by workers (lower is better)',
      'workers',
      workers,
      'ms',
      r.points.map((p) => p.p95),
    ),
    '',
    '| Workers | RPS | p50 | p95 | p99 | Errors | CPU per worker | Memory | Note |',
    '|---:|---:|---:|---:|---:|---:|---|---:|---|',
    ...r.points.map((p) => row(p, rec)),
    '',
    ...(r.concurrency ? concurrencySection(r.concurrency) : []),
    `Command: ${inlineCode(r.command)} (workers: ${r.mode}). ${escapeMarkdown(loadLabel(r))}; ` +
      `${escapeMarkdown(cpuLabel(r))}. Runner: ${escapeMarkdown(r.runner.cpuModel)}, ` +
      `${r.runner.cores} cores, ${escapeMarkdown(r.runner.os)}; loadgate ` +
      `${escapeMarkdown(r.versions.loadgate ?? '?')}, Node ${escapeMarkdown(r.runner.node)}.`,
  ];
  for (const w of r.warnings) lines.push('', `> ⚠️ ${escapeMarkdown(w)}`);
  return `${lines.join('\n')}\n`;
}

/** The JSON sweep report (docs/sweep.md). */
export function renderSweepJson(r: SweepReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
