/** The terminal report: verdict, figures against the baseline, and how the run went. */
import { terminalSafe as safe, truncate } from './escape.js';
import {
  METRIC_LABEL,
  METRIC_ORDER,
  describeLoad,
  VERDICT_HEADLINE,
  VERDICT_WORD,
  VERDICTS,
  formatMetric,
  workerName,
  formatMetricChange,
  shortCommit,
} from './format.js';
import {
  formatBytes,
  formatChange,
  formatCount,
  formatCpu,
  formatInterval,
  formatMs,
  formatRate,
  formatRps,
  formatSeconds,
} from '../util/format.js';
import {
  VERDICT_STYLE,
  painter,
  textTable,
  wrap,
  type Column,
  type Paint,
  type Style,
} from './text-layout.js';
import type { Report, RunFailure } from './types.js';
import { endpointVerdict } from './verdicts.js';
import { count, percent } from '../util/format.js';
import { STEAL_SHOWN } from '../stats/steal.js';

export interface TextOptions {
  /** ANSI colours (for a TTY). Default false. */
  color?: boolean;
  /** Terminal width in columns. Default 100. */
  width?: number;
}

const WORD_STYLE = new Map<string, Style>(VERDICTS.map((v) => [VERDICT_WORD[v], VERDICT_STYLE[v]]));
const verdictStyle = (cell: string) => WORD_STYLE.get(cell) ?? null;

function metricsLines(r: Report, w: number, paint: Paint): string[] {
  const cols: Column[] = [
    { header: 'metric' },
    { header: 'baseline', right: true },
    { header: 'current', right: true },
    { header: 'change', right: true },
    { header: '95% interval', right: true },
    { header: 'verdict', style: verdictStyle },
  ];
  const rows = METRIC_ORDER.map((k) => {
    const m = r.metrics[k];
    return [
      METRIC_LABEL[k],
      formatMetric(k, m.baseline),
      formatMetric(k, m.current),
      formatMetricChange(k, m),
      formatInterval(m.interval),
      VERDICT_WORD[m.verdict],
    ];
  });
  return textTable(cols, rows, w, paint);
}

function endpointLines(r: Report, w: number, paint: Paint): string[] {
  if (r.endpoints.length === 0) return [];
  const cols: Column[] = [
    { header: 'endpoint', flexible: true },
    { header: 'requests', right: true },
    { header: 'RPS', right: true },
    { header: 'p50', right: true, optional: true },
    { header: 'p95', right: true },
    { header: 'p95 change', right: true },
    { header: 'p99', right: true, optional: true },
    { header: 'errors', right: true },
    { header: 'verdict', style: verdictStyle },
  ];
  const rows = r.endpoints.map((e) => [
    safe(e.name),
    formatCount(e.requests),
    formatRps(e.metrics.rps.current),
    formatMs(e.metrics.p50.current),
    formatMs(e.metrics.p95.current),
    formatMetricChange('p95', e.metrics.p95),
    formatMs(e.metrics.p99.current),
    e.errors === 0 ? '0' : `${formatCount(e.errors)} (${formatRate(e.metrics.errorRate.current)})`,
    VERDICT_WORD[endpointVerdict(e)],
  ]);
  return ['', paint('bold', 'Endpoints'), ...textTable(cols, rows, w, paint)];
}

function roundLines(r: Report, w: number, paint: Paint): string[] {
  if (r.rounds.length === 0) return [];
  const cols: Column[] = [
    { header: 'round', right: true },
    { header: 'seconds', right: true },
    { header: 'requests', right: true },
    { header: 'RPS', right: true },
    { header: 'p50', right: true },
    { header: 'p95', right: true },
    { header: 'p99', right: true },
    { header: 'errors', right: true },
    { header: 'notes', flexible: true, style: (c) => (c === '' ? null : 'yellow') },
  ];
  const rows = r.rounds.map((x) => [
    String(x.index + 1),
    formatSeconds(x.seconds),
    formatCount(x.requests),
    formatRps(x.rps),
    formatMs(x.p50),
    formatMs(x.p95),
    formatMs(x.p99),
    formatCount(x.errors),
    [x.generatorBound ? 'generator-bound' : '', x.crashed ? 'worker crashed' : '']
      .filter(Boolean)
      .join(', '),
  ]);
  return ['', paint('bold', 'Rounds'), ...textTable(cols, rows, w, paint)];
}

function serverLines(r: Report, w: number, paint: Paint): string[] {
  const s = r.server;
  const out = ['', paint('bold', 'Server')];
  if (s === null)
    return [...out, `  target ${safe(r.target ?? 'already running')} (not started by loadgate)`];
  const how =
    s.mode === 'self'
      ? 'self (the command runs its own workers)'
      : `spawn (loadgate started ${count(s.workers, 'copy', 'copies')}${s.socket ? `, ${s.socket} socket` : ''})`;
  out.push(...wrap(`command: ${safe(s.command)}`, w, '  '));
  out.push(`  mode: ${how}`);
  out.push(
    ...wrap(
      `workers: ${s.workers}${s.workersReason ? ` (${safe(s.workersReason)})` : ''}`,
      w,
      '  ',
    ),
  );
  if (s.readyMs !== null) out.push(`  ready after ${formatMs(s.readyMs)}`);
  if (s.perWorker.length > 0) {
    const cols: Column[] = [
      { header: 'process', right: true },
      { header: 'pid', right: true },
      { header: 'cpu', right: true },
      { header: 'rss', right: true },
      { header: 'pss', right: true },
    ];
    const rows = s.perWorker.map((p) => [
      String(p.index),
      String(p.pid),
      formatCpu(p.cpu),
      formatBytes(p.rssBytes),
      formatBytes(p.pssBytes),
    ]);
    out.push(...textTable(cols, rows, w - 2, paint).map((l) => `  ${l}`));
  }
  out.push(
    `  crashes: ${s.crashes.length === 0 ? 'none' : paint('red', String(s.crashes.length))}`,
  );
  for (const c of s.crashes.slice(0, 20)) {
    const how =
      c.signal !== null ? `killed by ${safe(c.signal)}` : `exit code ${c.exitCode ?? 'unknown'}`;
    const back = c.recoveryMs === null ? 'did not recover' : `back after ${formatMs(c.recoveryMs)}`;
    out.push(paint('red', `    ${workerName(c.worker)} (pid ${c.pid}): ${how}; ${back}`));
    for (const line of c.lastLines.slice(-5))
      out.push(paint('dim', `      ${truncate(safe(line), w - 6)}`));
  }
  return out;
}

function contextLines(r: Report, w: number, paint: Paint): string[] {
  const rn = r.runner;
  const out = [
    '',
    ...wrap(
      `runner: ${safe(rn.cpuModel)} · ${rn.cores} cores · ${safe(rn.os)} · Node ${safe(rn.node)}`,
      w,
    ),
  ];
  if (r.remoteTarget === true && r.target !== null) {
    out.push(...wrap(`target: remote, ${safe(r.target)} (the runner only generated the load)`, w));
  }
  const n = r.noise;
  const noise = [
    n.rpsCv === null ? null : `RPS CV ${formatRate(n.rpsCv)}`,
    n.p95Cv === null ? null : `p95 CV ${formatRate(n.p95Cv)}`,
    n.minDetectableRpsChange === null
      ? null
      : `smallest detectable RPS change ${formatChange(n.minDetectableRpsChange).replace('+', '±')}`,
    n.steal === null || n.steal < STEAL_SHOWN ? null : `host steal ${percent(n.steal)}`,
  ].filter((x) => x !== null);
  if (noise.length > 0) out.push(...wrap(`noise: ${noise.join(', ')}`, w));
  const b = r.baseline;
  const base =
    b === null || b.entries === 0
      ? 'none yet'
      : [
          count(b.entries, 'entry', 'entries'),
          shortCommit(b.commit),
          b.sameRunner ? 'same runner type' : 'different runner type',
        ]
          .filter(Boolean)
          .join(', ');
  out.push(...wrap(`baseline: ${base}${b?.note ? ` (${safe(b.note)})` : ''}`, w));
  for (const warning of r.warnings) {
    const lines = wrap(`warning: ${safe(warning)}`, w);
    out.push(
      ...lines.map((l, i) =>
        i === 0 ? paint('yellow', 'warning:') + l.slice('warning:'.length) : l,
      ),
    );
  }
  return out;
}

/** A failed run: where it stopped and this run's log tail, instead of the figures. */
function failureLines(f: RunFailure, w: number, paint: Paint): string[] {
  return [
    '',
    `phase: ${f.phase}`,
    ...wrap(`error: ${f.code} ${safe(f.message)}`, w),
    ...f.details.slice(-40).map((l) => paint('dim', `  ${truncate(safe(l), w - 2)}`)),
  ];
}

export function renderText(r: Report, opts: TextOptions = {}): string {
  const w = Math.max(40, opts.width ?? 100);
  const paint = painter(opts.color === true);
  const head = `loadgate · ${safe(r.name)} · ${VERDICT_HEADLINE[r.verdict]}`;
  if (r.failure) {
    return [
      paint('bold', paint(VERDICT_STYLE[r.verdict], head)),
      ...wrap(safe(r.summary), w),
      ...failureLines(r.failure, w, paint),
      ...contextLines(r, w, paint),
    ].join('\n');
  }
  return [
    paint('bold', paint(VERDICT_STYLE[r.verdict], head)),
    ...wrap(safe(r.summary), w),
    ...(r.advice ? wrap(`why undecided: ${safe(r.advice.text)}`, w) : []),
    '',
    ...metricsLines(r, w, paint),
    '',
    ...wrap(describeLoad(r), w),
    ...endpointLines(r, w, paint),
    ...roundLines(r, w, paint),
    ...serverLines(r, w, paint),
    ...contextLines(r, w, paint),
  ].join('\n');
}
