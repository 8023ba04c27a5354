/**
 * A stored-mode run whose rounds varied far more than the stored runs' rounds did: the runner
 * was probably busy during it (a neighbour, a background job). The prediction interval cannot
 * tell a busy moment from slower code when the history was measured in quieter ones, so the
 * report says so next to the verdict. It does not change the verdict: code can make rounds
 * noisier too (GC pauses, lock contention). Pure.
 */
import type { RoundMetrics, StoredRun } from './types.js';
import { cv, median } from './describe.js';
import { percent } from '../util/format.js';

/** This many times the stored runs' median round-to-round CV of RPS... */
export const BUSY_CV_FACTOR = 3;
/** ...and at least this much: below it, rounds are steady whatever the history says. */
export const BUSY_CV_FLOOR = 0.03;

export function busyRunnerWarning(
  current: readonly RoundMetrics[],
  baseline: readonly StoredRun[],
): string | null {
  const now = cv(current.map((r) => r.rps));
  const stored = baseline
    .map((e) => cv(e.rounds.map((r) => r.rps)))
    .filter((v): v is number => v !== null);
  if (now === null || stored.length === 0) return null;
  const usual = median(stored);
  if (now < BUSY_CV_FLOOR || now < BUSY_CV_FACTOR * usual) return null;
  return (
    `this run's rounds varied far more than the stored runs' (RPS spread between rounds ${percent(now)} against a median of ${percent(usual)} in ${stored.length} stored run(s)): ` +
    `the runner was probably busy during this run, so a change in this report may be the runner's rather than the code's; re-run it, or use compare: base`
  );
}
