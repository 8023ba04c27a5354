/**
 * The exit code of every run, in one place (stored, A/B, its fallback, and the action's report
 * mode): a failed run (verdict error) or a crash with fail-on-crash is a server failure (3); a
 * regression fails (1); an inconclusive result fails only with gate.fail-on: inconclusive;
 * everything else passes.
 */
import type { Report } from '../report/types.js';
import { ExitCode } from '../errors.js';

export interface OutcomePolicy {
  failOn: 'regression' | 'inconclusive';
  /** server.fail-on-crash; false without a server. */
  failOnCrash: boolean;
}

export function exitCodeFor(report: Report, policy: OutcomePolicy): ExitCode {
  // A failed run's own exit code comes from its error (run.ts); read back from JSON it is 3.
  if (report.verdict === 'error') return ExitCode.server;
  const crashed = (report.server?.crashes.length ?? 0) > 0;
  if (crashed && policy.failOnCrash) return ExitCode.server;
  if (report.verdict === 'regression') return ExitCode.regression;
  if (report.verdict === 'inconclusive' && policy.failOn === 'inconclusive') {
    return ExitCode.regression;
  }
  return ExitCode.pass;
}
