/**
 * The sweep for a terminal (pure): bar charts of RPS and p95 against workers, a table of every
 * figure, and the recommendation with its reasoning.
 */
import { terminalSafe } from '../report/escape.js';
import { count, formatBytes, formatCpu, formatMs, formatRate, formatRps } from '../util/format.js';
import type { ConcurrencySweep, SweepPoint, SweepReport } from './types.js';
import { cpuLabel, loadLabel } from './labels.js';

const BAR_WIDTH = 40;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value / max` of the width, in eighths of a character. */
export function bar(value: number, max: number, width = BAR_WIDTH): string {
  if (!(max > 0) || !(value > 0)) return '';
  const eighths = Math.round((Math.min(value, max) / max) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] ?? '');
}

function pad(s: string, n: number, right = false): string {
  const len = Array.from(s).length;
  if (len >= n) return s;
  return right ? s + ' '.repeat(n - len) : ' '.repeat(n - len) + s;
}

function chart(
  title: string,
  rows: { label: string; value: number; text: string; mark: string }[],
): string[] {
  const max = Math.max(0, ...rows.map((r) => r.value));
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  return [
    title,
    ...rows.map(
      (r) =>
        `  ${pad(r.label, labelWidth)} │${pad(bar(r.value, max), BAR_WIDTH, true)} ${r.text}${r.mark}`,
    ),
  ];
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0, i === cells.length - 1))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Wraps prose at `width` columns, indented. */
export function wrap(text: string, width: number, indent = '  '): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width - indent.length) {
      lines.push(indent + current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(indent + current);
  return lines;
}

function note(p: SweepPoint): string {
  if (p.failure !== null) return `failed: ${terminalSafe(p.failure)}`;
  const parts: string[] = [];
  if (p.generatorBound) parts.push('generator-bound');
  if (p.crashes > 0) parts.push(`${p.crashes} crash(es)`);
  return parts.join(', ');
}

function concurrencyText(c: ConcurrencySweep): string[] {
  const rows = c.points.map((p) => ({
    label: String(p.connections),
    value: p.p95,
    text: p.failure !== null ? 'failed' : `${formatMs(p.p95)}  ${formatRps(p.rps)} req/s`,
    mark: p.connections === c.knee ? '  ◀ knee' : '',
  }));
  return [
    '',
    ...chart(`p95 latency by connections (at ${count(c.workers, 'worker')})`, rows),
    ...wrap(c.reason, 100),
  ];
}

export function renderSweepText(r: SweepReport): string {
  const rec = r.recommendation.workers;
  const mark = (p: SweepPoint) => (p.workers === rec ? '  ◀ recommended' : '');
  const measured = (p: SweepPoint) => p.failure === null;
  const out: string[] = [
    `loadgate sweep: ${terminalSafe(r.name)}`,
    `  ${terminalSafe(r.command)} (workers: ${r.mode})`,
    `  ${loadLabel(r)}; ${cpuLabel(r)}`,
    '',
    ...chart(
      'RPS by workers (higher is better)',
      r.points.map((p) => ({
        label: String(p.workers),
        value: p.rps,
        text: measured(p) ? formatRps(p.rps) : 'failed',
        mark: mark(p),
      })),
    ),
    '',
    ...chart(
      'p95 latency by workers (lower is better)',
      r.points.map((p) => ({
        label: String(p.workers),
        value: p.p95,
        text: measured(p) ? formatMs(p.p95) : 'failed',
        mark: mark(p),
      })),
    ),
    '',
    ...table(
      ['workers', 'RPS', 'p50', 'p95', 'p99', 'errors', 'CPU per worker', 'memory', 'note'],
      r.points.map((p) =>
        measured(p)
          ? [
              String(p.workers),
              formatRps(p.rps),
              formatMs(p.p50),
              formatMs(p.p95),
              formatMs(p.p99),
              formatRate(p.errorRate),
              p.cpuPerWorker.map(formatCpu).join(' ') || '—',
              `${formatBytes(p.memoryBytes)} ${p.memoryKind.toUpperCase()}`,
              note(p),
            ]
          : [String(p.workers), '—', '—', '—', '—', '—', '—', '—', note(p)],
      ),
    ).map((l) => `  ${l}`),
    '',
    rec === null ? 'Recommendation: none' : `Recommendation: ${count(rec, 'worker')}`,
    ...wrap(terminalSafe(r.recommendation.reason), 100),
  ];
  if (r.concurrency) out.push(...concurrencyText(r.concurrency));
  for (const w of r.warnings) out.push(`warning: ${terminalSafe(w)}`);
  return out.join('\n');
}
