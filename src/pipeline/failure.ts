/**
 * A failed run is still a report (pure). When the server's setup fails, it never becomes ready,
 * it dies under load, every request fails, or the run is interrupted, the pipeline returns a
 * Report with verdict `error` and `failure` (phase, code, message, the log tail) instead of
 * throwing, so both front doors publish it like any other: the PR's sticky comment never keeps
 * an older, better result.
 */
import { isRemoteTarget } from '../config/index.js';
import type { Config } from '../config/types.js';
import type { RoundResult } from '../load/types.js';
import type {
  FailurePhase,
  MetricName,
  MetricResult,
  MetricSet,
  Report,
  RunFailure,
  RunnerFingerprint,
} from '../report/types.js';
import type { LoadgateError } from '../errors.js';
import { currentFigures } from '../stats/index.js';
import { count, formatCount } from '../util/format.js';
import { loadShape } from './build-report.js';

/** Which phase each error code belongs to; codes not listed fall back by exit code. */
const PHASE_OF_CODE: Readonly<Record<string, FailurePhase>> = {
  LG_SETUP_FAILED: 'setup',
  LG_SETUP_TIMEOUT: 'setup',
  LG_READY_TIMEOUT: 'boot',
  LG_SERVER_EXITED: 'boot',
  LG_COMMAND_NOT_FOUND: 'boot',
  LG_PORT_TAKEN: 'boot',
  LG_WRONG_PORT: 'boot',
  LG_SERVER_DIED: 'load',
  LG_ALL_FAILED: 'load',
  LG_NO_ROUNDS: 'load',
  LG_CAPTURE: 'load',
  LG_SCENARIO: 'load',
  LG_INTERRUPTED: 'interrupted',
  LG_ABORTED: 'interrupted',
};

export function failureOf(e: LoadgateError, interrupted: boolean): RunFailure {
  const phase: FailurePhase = interrupted
    ? 'interrupted'
    : (PHASE_OF_CODE[e.code] ?? (e.code.startsWith('LG_SERVER') ? 'boot' : 'load'));
  return { phase, code: e.code, message: e.message, details: [...e.details] };
}

/**
 * Every request of the run failed (nothing listening, every answer an error): not a measurement
 * of speed, whatever the percentiles of the failures say.
 */
export function everyRequestFailed(rounds: readonly RoundResult[]): RunFailure | null {
  const requests = rounds.reduce((s, r) => s + r.requests, 0);
  const errors = rounds.reduce((s, r) => s + r.errors, 0);
  if (requests === 0 || errors < requests) return null;
  const kinds = new Map<string, number>();
  for (const r of rounds) {
    for (const [kind, n] of Object.entries(r.errorsByKind)) {
      kinds.set(kind, (kinds.get(kind) ?? 0) + (n ?? 0));
    }
  }
  const byCount = [...kinds].sort((a, b) => b[1] - a[1]);
  const top = byCount[0]?.[0];
  return {
    phase: 'load',
    code: 'LG_ALL_FAILED',
    message: `every request failed${top ? `: ${top}` : ''} (${formatCount(errors)} of ${formatCount(requests)})`,
    details: byCount.map(([kind, n]) => `${kind}: ${formatCount(n)}`),
  };
}

/** Rounds in which not one request succeeded (a dead server between restarts, a refused port). */
export function roundsWithoutSuccess(rounds: readonly RoundResult[]): string | null {
  const dead = rounds.filter((r) => r.requests > 0 && r.errors >= r.requests);
  if (dead.length === 0) return null;
  return `${count(dead.length, 'round')} without a single successful request (round ${dead
    .map((r) => r.index + 1)
    .join(
      ', ',
    )}): the server did not answer for a whole round; this run is not stored as a baseline`;
}

const SENTENCE: Record<FailurePhase, string> = {
  setup: "The server's setup failed",
  boot: 'The server did not start',
  load: 'The server failed under load',
  interrupted: 'The run was interrupted',
};

export interface FailureReportInput {
  config: Config;
  failure: RunFailure;
  /** Rounds finished before the failure (often none). */
  rounds: readonly RoundResult[];
  runner: RunnerFingerprint;
  versions: Record<string, string>;
  createdAt: Date;
  commit: string | null;
  warnings: string[];
}

function nothingCompared(current: number): MetricResult {
  return { current, baseline: null, change: null, interval: null, verdict: 'error' };
}

export function failureReport(input: FailureReportInput): Report {
  const { config, failure, rounds } = input;
  const figures = rounds.length > 0 ? currentFigures(rounds) : null;
  const at = (m: MetricName) => nothingCompared(figures ? figures.overall[m] : 0);
  const metrics: MetricSet = {
    rps: at('rps'),
    p50: at('p50'),
    p95: at('p95'),
    p99: at('p99'),
    errorRate: at('errorRate'),
  };
  const requests = rounds.reduce((s, r) => s + r.requests, 0);
  const errors = rounds.reduce((s, r) => s + r.errors, 0);
  return {
    schema: 1,
    name: config.name,
    createdAt: input.createdAt.toISOString(),
    commit: input.commit,
    verdict: 'error',
    summary: `${SENTENCE[failure.phase]}: ${failure.message}. Nothing was compared, and the baseline is unchanged.`,
    advice: null,
    failure,
    metrics,
    totals: { requests, errors, seconds: rounds.reduce((s, r) => s + r.seconds, 0) },
    endpoints: [],
    rounds: [],
    noise: { rpsCv: null, p95Cv: null, minDetectableRpsChange: null, steal: null },
    load: loadShape(config.load),
    server: null,
    target: config.target,
    remoteTarget: isRemoteTarget(config.target),
    baseline: null,
    runner: input.runner,
    versions: input.versions,
    histogram: '',
    warnings: input.warnings,
    history: [],
  };
}
