/** The action's outputs and the failure line of a failed step. */
import { ExitCode } from '../errors.js';
import type { Report } from '../report/types.js';
import { count, labelled } from '../util/format.js';

/** The action's outputs (a public contract: action.yml, README). Empty string = not available. */
export function outputsFor(
  report: Report,
  reportPath: string,
  commentUrl: string | null,
): Record<string, string> {
  // A failed run measured nothing worth comparing: its figures are not available.
  const num = (v: number | null) =>
    v === null || !Number.isFinite(v) || report.failure !== null ? '' : String(v);
  return {
    verdict: report.verdict,
    rps: num(report.metrics.rps.current),
    'p95-ms': num(report.metrics.p95.current),
    'error-rate': num(report.metrics.errorRate.current),
    'rps-change': num(report.metrics.rps.change),
    'p95-change': num(report.metrics.p95.change),
    'report-path': reportPath,
    'comment-url': commentUrl ?? '',
  };
}

/** What `core.setFailed` says when the step fails. */
export function failureMessage(report: Report, code: ExitCode): string {
  if (report.failure) {
    return [`loadgate: ${report.summary}`, ...report.failure.details].join('\n');
  }
  if (code === ExitCode.server) {
    return `loadgate: a worker crashed during the run (fail-on-crash): ${count(report.server?.crashes.length ?? 0, 'crash', 'crashes')}`;
  }
  return `loadgate: ${labelled(report.verdict, report.summary)}`;
}
