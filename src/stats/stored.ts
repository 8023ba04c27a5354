/**
 * The statistical test of one metric against a stored history (compare: stored).
 *
 * One job against a stored baseline is ONE sample at the runner level, however many rounds it
 * runs (FIELD-NOTES 4, Kalibera and Jones). So each stored entry contributes one value: the mean
 * of its per-round values (on a log scale for RPS and latency). With >= 3 entries the run is
 * tested as one new observation of the history's distribution (prediction interval, t with
 * n - 1 df), never a t-test of rounds against rounds. With 1-2 entries there is no estimate of
 * the runner-to-runner spread: the rounds of both sides are compared (Welch, one value per
 * round) with an assumed runner-level spread added (see roundsTest), and the caller is told to
 * be stricter (`conservative`). Pure.
 */
import { mean, safeLog, variance } from './describe.js';
import { predictionInterval, tIntervalFrom, welchInterval, type TInterval } from './intervals.js';

export type StoredMethod = 'prediction' | 'rounds';

/** Entries needed before the history's own spread is trusted. */
export const MIN_ENTRIES_FOR_PREDICTION = 3;

export interface StoredTest {
  method: StoredMethod;
  /** Entries that had values for this metric. */
  entries: number;
  /** The baseline's centre on the original scale (geometric mean for log-scale metrics). */
  baselineValue: number;
  /** Interval of current - baseline on the test scale (log ratio or absolute); null if none. */
  test: TInterval | null;
  /** Few entries: round-level comparison that cannot see runner-to-runner noise. */
  conservative: boolean;
}

/**
 * @param currentRounds this run's per-round values of the metric
 * @param baselineRounds per stored entry, that entry's per-round values (oldest first)
 */
export function storedTest(
  currentRounds: readonly number[],
  baselineRounds: readonly (readonly number[])[],
  scale: 'log' | 'absolute',
  level = 0.95,
): StoredTest | null {
  const transform = scale === 'log' ? safeLog : (v: number) => v;
  const entries = baselineRounds.filter((r) => r.length > 0).map((r) => r.map(transform));
  if (entries.length === 0) return null;
  const values = entries.map((r) => mean(r));
  const centre = mean(values);
  const baselineValue = scale === 'log' ? Math.exp(centre) : centre;
  const cur = currentRounds.map(transform);
  if (cur.length === 0) {
    return {
      method: 'rounds',
      entries: entries.length,
      baselineValue,
      test: null,
      conservative: true,
    };
  }
  if (entries.length >= MIN_ENTRIES_FOR_PREDICTION) {
    const own = cur.length >= 2 ? variance(cur) / cur.length : undefined;
    const test = predictionInterval(values, mean(cur), { level, observationVariance: own });
    return {
      method: 'prediction',
      entries: entries.length,
      baselineValue,
      test,
      conservative: false,
    };
  }
  return {
    method: 'rounds',
    entries: entries.length,
    baselineValue,
    test: roundsTest(cur, entries.flat(), level),
    conservative: true,
  };
}

/**
 * Few baseline runs: Welch over rounds, widened by an assumed runner-to-runner variance as large
 * as the round-to-round variance (each run's mean moves by about one round's spread from boot
 * to boot) - rounds alone would call any runner difference significant.
 */
function roundsTest(
  cur: readonly number[],
  base: readonly number[],
  level: number,
): TInterval | null {
  const welch = welchInterval(cur, base, level);
  if (!welch) return null;
  const spreads = [variance(cur), variance(base)].filter((v) => !Number.isNaN(v));
  const runnerVar = spreads.length > 0 ? spreads.reduce((a, b) => a + b, 0) / spreads.length : 0;
  return tIntervalFrom(welch.estimate, Math.sqrt(welch.se ** 2 + 2 * runnerVar), welch.df, level);
}
