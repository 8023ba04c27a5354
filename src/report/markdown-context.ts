/**
 * The context around the figures: how the API ran, warnings, the runner, noise and baseline.
 * Each function returns a complete Markdown block (or '' when there is nothing to say).
 */
import { codeBlock, escapeMarkdown, inlineCode, truncate } from './escape.js';
import { shortCommit, workerName } from './format.js';
import {
  formatBytes,
  formatChange,
  formatCpu,
  formatMs,
  formatRate,
  plural,
} from '../util/format.js';
import { mdTable } from './markdown-tables.js';
import type { Report, RunFailure, ServerReport } from './types.js';
import { count, percent } from '../util/format.js';
import { STEAL_SHOWN } from '../stats/steal.js';

type Crash = ServerReport['crashes'][number];

/** Commands and log lines are shown in full up to this length. */
const COMMAND_MAX = 400;
const LOG_LINES_MAX = 40;
const LOG_LINE_MAX = 300;
export const WARNING_MAX = 600;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function crashLine(c: Crash): string {
  const how =
    c.signal !== null
      ? `was killed by ${escapeMarkdown(c.signal)}`
      : `exited with code ${c.exitCode ?? 'unknown'}`;
  const back =
    c.recoveryMs === null ? 'did not recover' : `answered again after ${formatMs(c.recoveryMs)}`;
  return `  - 💥 ${upperFirst(workerName(c.worker))} (pid ${c.pid}) ${how}; ${back}.`;
}

function crashLog(c: Crash): string {
  if (c.lastLines.length === 0) return '';
  const lines = c.lastLines.slice(-LOG_LINES_MAX).map((l) => truncate(l, LOG_LINE_MAX));
  return [
    '<details>',
    `<summary>Last ${lines.length} lines of ${workerName(c.worker)}'s output</summary>`,
    '',
    codeBlock(lines),
    '',
    '</details>',
  ].join('\n');
}

function workersTable(s: ServerReport): string {
  if (s.perWorker.length === 0) return '';
  return mdTable(
    ['Process', 'PID', 'CPU (of one core)', 'RSS', 'PSS'],
    ['right', 'right', 'right', 'right', 'right'],
    s.perWorker.map((w) => [
      String(w.index),
      String(w.pid),
      formatCpu(w.cpu),
      formatBytes(w.rssBytes),
      formatBytes(w.pssBytes),
    ]),
  );
}

function perWorkerSummary(s: ServerReport): string | null {
  if (s.perWorker.length === 0) return null;
  const cpu = s.perWorker.map((w) => w.cpu);
  const rss = s.perWorker.reduce((sum, w) => sum + w.rssBytes, 0);
  const mean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
  return (
    `**CPU per process:** ${formatCpu(mean)} of a core on average ` +
    `(${formatCpu(Math.min(...cpu))} to ${formatCpu(Math.max(...cpu))}); **memory:** ${formatBytes(rss)} RSS in all`
  );
}

/**
 * "How the API ran". `full` adds the per-process table and crash logs; `minimal` leaves out the
 * list of crashes (their count stays).
 */
export function serverSection(r: Report, detail: 'full' | 'brief' | 'minimal'): string {
  const out = ['#### How the API ran', ''];
  const s = r.server;
  if (s === null) {
    const target =
      r.target === null ? 'an API already running' : inlineCode(truncate(r.target, COMMAND_MAX));
    out.push(`Target: ${target}, started outside loadgate (no worker figures).`);
    return out.join('\n');
  }
  const mode =
    s.mode === 'self'
      ? 'the command runs its own workers'
      : `loadgate started ${count(s.workers, 'copy', 'copies')}${s.socket === null ? '' : ` (${s.socket === 'shared' ? 'one shared socket' : 'one port each'})`}`;
  const items = [
    `**Command:** ${inlineCode(truncate(s.command, COMMAND_MAX))}`,
    `**Mode:** ${s.mode}: ${mode}`,
    `**Workers:** ${s.workers}${s.workersReason ? `: ${escapeMarkdown(truncate(s.workersReason, 200))}` : ''}`,
    perWorkerSummary(s),
    s.readyMs === null ? null : `**Ready after** ${formatMs(s.readyMs)}`,
    `**Crashes:** ${s.crashes.length === 0 ? 'none' : `❌ ${s.crashes.length}`}`,
  ];
  for (const item of items) if (item !== null) out.push(`- ${item}`);
  const crashes = s.crashes.slice(0, detail === 'minimal' ? 0 : 20);
  out.push(...crashes.map(crashLine));
  if (s.crashes.length > crashes.length && crashes.length > 0)
    out.push(`  - … and ${s.crashes.length - crashes.length} more crashes.`);
  if (detail === 'full') {
    const table = workersTable(s);
    if (table) {
      const title = `CPU and memory per process (${s.perWorker.length})`;
      out.push(
        '',
        ['<details>', `<summary>${title}</summary>`, '', table, '', '</details>'].join('\n'),
      );
    }
    for (const c of crashes) {
      const log = crashLog(c);
      if (log) out.push('', log);
    }
  }
  return out.join('\n');
}

/** Warnings as a list; `limit` keeps the first few and counts the rest. */
export function warningsSection(warnings: readonly string[], limit = Infinity): string {
  if (warnings.length === 0) return '';
  const shown = warnings.slice(0, limit);
  const lines = shown.map((w) => `- ⚠️ ${escapeMarkdown(truncate(w, WARNING_MAX))}`);
  if (warnings.length > shown.length) {
    const more = warnings.length - shown.length;
    lines.push(
      `- ${shown.length > 0 ? '… and ' : ''}${more} ${shown.length > 0 ? 'more ' : ''}${plural(more, 'warning')} (see the JSON report).`,
    );
  }
  return ['#### Warnings', '', ...lines].join('\n');
}

function pct(n: number | null): string | null {
  return n === null ? null : formatRate(n);
}

/** Runner fingerprint, measured noise and the baseline this run was compared with. */
export function environmentSection(r: Report): string {
  const rn = r.runner;
  const lines = [
    `- **Runner:** ${escapeMarkdown(truncate(rn.cpuModel, 120))} · ${rn.cores} cores · ${escapeMarkdown(truncate(rn.os, 80))} · Node ${escapeMarkdown(rn.node)}`,
  ];
  if (r.remoteTarget === true && r.target !== null) {
    lines.push(
      `- **Target:** remote, ${inlineCode(truncate(r.target, 200))}: the runner above generated the load; the API ran elsewhere`,
    );
  }
  const n = r.noise;
  const noise = [
    pct(n.rpsCv) === null ? null : `RPS varied ${pct(n.rpsCv)} between rounds`,
    pct(n.p95Cv) === null ? null : `p95 ${pct(n.p95Cv)}`,
    n.minDetectableRpsChange === null
      ? null
      : `smallest RPS change this run can tell from noise: ${formatChange(n.minDetectableRpsChange).replace('+', '±')}`,
    n.steal === null || n.steal < STEAL_SHOWN
      ? null
      : `the host gave ${percent(n.steal)} of the CPU time to other virtual machines (steal)`,
  ].filter((x) => x !== null);
  if (noise.length > 0) lines.push(`- **Noise:** ${noise.join('; ')}`);
  lines.push(`- **Baseline:** ${baselineText(r)}`);
  return ['#### Runner, noise and baseline', '', ...lines].join('\n');
}

function baselineText(r: Report): string {
  const b = r.baseline;
  if (b === null || b.entries === 0) {
    return `none yet for ${inlineCode(r.name)}${b?.note ? ` (${escapeMarkdown(truncate(b.note, 200))})` : ''}: nothing to compare with.`;
  }
  const commit = shortCommit(b.commit);
  const parts = [
    `${b.entries} ${b.entries === 1 ? 'entry' : 'entries'}`,
    commit === null ? null : `latest from ${inlineCode(commit)}`,
    b.createdAt === null ? null : escapeMarkdown(b.createdAt.slice(0, 10)),
    b.sameRunner ? 'same runner type ✅' : 'different runner type ⚠️',
  ].filter((x) => x !== null);
  return parts.join(' · ') + (b.note ? ` (${escapeMarkdown(truncate(b.note, 300))})` : '');
}

const PHASE_WORD: Record<RunFailure['phase'], string> = {
  setup: "setup (the server's setup commands)",
  boot: 'boot (starting the server and waiting until it answers)',
  load: 'load (while the scenario ran)',
  interrupted: 'interrupted',
};

/** A failed run: where it stopped, the error code, and this run's log tail in a code block. */
export function failureSection(f: RunFailure): string {
  const lines = [
    '#### What failed',
    '',
    `- **Phase:** ${PHASE_WORD[f.phase]}`,
    `- **Error:** \`${f.code.replace(/[^A-Z0-9_]/g, '')}\` ${escapeMarkdown(truncate(f.message, WARNING_MAX))}`,
  ];
  const tail = f.details.slice(-LOG_LINES_MAX).map((l) => truncate(l, LOG_LINE_MAX));
  if (tail.length > 0) lines.push('', codeBlock(tail));
  return lines.join('\n');
}
