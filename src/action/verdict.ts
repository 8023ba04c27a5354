/**
 * The verdict in the step log, whatever it is: a reader of a green step sees "pass, RPS -1.2%
 * (95% interval ...), p95 +0.8%" without opening the summary. Pass, inconclusive and no-baseline
 * are notices; a regression and a failed run (verdict `error`) are error annotations pointing at
 * the config file, so that they show on the pull request's files view.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type * as Core from '@actions/core';
import type { Report } from '../report/types.js';
import { VERDICT_HEADLINE } from '../report/format.js';
import { formatChange, formatInterval, formatMs, formatRps } from '../util/format.js';
import type { SweepReport } from '../sweep/types.js';

/** One line: the verdict, the RPS change and its interval, the p95 change. */
export function verdictLine(report: Report): string {
  const head = `loadgate ${report.name}: ${report.verdict}`;
  if (report.failure !== null) return `${head}: ${report.summary}`;
  const { rps, p95 } = report.metrics;
  if (rps.change === null) {
    return `${head} (${VERDICT_HEADLINE[report.verdict]}): RPS ${formatRps(rps.current)}, p95 ${formatMs(p95.current)}`;
  }
  const interval = rps.interval === null ? '' : ` (95% interval ${formatInterval(rps.interval)})`;
  return `${head}: RPS ${formatChange(rps.change)}${interval}, p95 ${formatChange(p95.change)}`;
}

/**
 * The config file as the annotation's `file:`, relative to the workspace (GitHub matches it
 * against the pull request's files); undefined for inline inputs or a file outside it.
 */
export function annotationFile(
  source: string | null,
  workspace: string | undefined,
): string | undefined {
  if (source === null || !isAbsolute(source) || !workspace) return undefined;
  const rel = relative(workspace, source);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

export function announceVerdict(
  core: Pick<typeof Core, 'notice' | 'error'>,
  report: Report,
  file: string | undefined,
): void {
  const line = verdictLine(report);
  const title = `loadgate: ${report.name}`;
  if (report.verdict === 'regression' || report.verdict === 'error') {
    core.error(line, { title, ...(file === undefined ? {} : { file }) });
  } else {
    core.notice(line, { title });
  }
}

/** `mode: sweep`: the recommendation, one line. */
export function sweepLine(report: SweepReport): string {
  const best = report.recommendation.workers;
  return best === null
    ? `loadgate sweep ${report.name}: no worker count qualified: ${report.recommendation.reason}`
    : `loadgate sweep ${report.name}: ${best} worker(s) recommended: ${report.recommendation.reason}`;
}
