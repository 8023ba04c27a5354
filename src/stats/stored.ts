/**
 * The statistical test of one metric against a stored history (compare: stored).
 *
 * One job against a stored baseline is ONE sample at the runner level, however many rounds it
 * runs (FIELD-NOTES 4, Kalibera and Jones). So each stored entry contributes one value: the mean
 * of its per-round values (on a log scale for RPS and latency). With >= 3 entries the run is
 * tested as one new observation of the history's distribution (prediction interval, t with
 * n - 1 df), never a t-test of rounds against rounds. With 1-2 entries there is no estimate of
 * the runner-to-runner spread yet: a stated, sourced spread is assumed instead (see
 * assumedSpreadTest), so a change far beyond it is a regression and a repeat of the same code
 * on a like runner is not. Pure.
 */
import { mean, safeLog, variance } from './describe.js';
import { predictionInterval, tIntervalFrom, type TInterval } from './intervals.js';

export type StoredMethod = 'prediction' | 'assumed-spread';

/**
 * The runner-to-runner spread assumed while the history is too short to measure its own: a
 * standard deviation of 5% on the log scale between two jobs on the same kind of runner. Sources
 * (FIELD-NOTES 4 and 6): the gate simulations of this field use 5% runner-to-runner spread;
 * hosted runners show a CV of about 2.7% for CPU benchmarks (an HTTP API on loopback is
 * noisier, hence about twice that); and re-running the same job landed 13.7% apart, which is
 * the 95% range of the difference of two runs at this spread (1.96 x sqrt(2) x 5% = 13.9%).
 */
export const ASSUMED_RUNNER_SPREAD = 0.05;
/**
 * The same, when the stored runs come from another kind of runner (another CPU model, core
 * count or OS): CPU models on hosted runners differ up to 2x (FIELD-NOTES 6), so only a change
 * far beyond that spread can be told from the machine.
 */
export const ASSUMED_OTHER_RUNNER_SPREAD = 0.25;
/** Degrees of freedom treated as "known" (the t distribution needs a finite value). */
const KNOWN_DF = 1e6;

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
}

export interface StoredTestOptions {
  level?: number;
  /** The runner spread to assume with fewer than 3 entries (log-scale SD). */
  assumedSpread?: number;
}

/**
 * @param currentRounds this run's per-round values of the metric
 * @param baselineRounds per stored entry, that entry's per-round values (oldest first)
 */
export function storedTest(
  currentRounds: readonly number[],
  baselineRounds: readonly (readonly number[])[],
  scale: 'log' | 'absolute',
  options: StoredTestOptions = {},
): StoredTest | null {
  const level = options.level ?? 0.95;
  const transform = scale === 'log' ? safeLog : (v: number) => v;
  const entries = baselineRounds.filter((r) => r.length > 0).map((r) => r.map(transform));
  if (entries.length === 0) return null;
  const values = entries.map((r) => mean(r));
  const centre = mean(values);
  const baselineValue = scale === 'log' ? Math.exp(centre) : centre;
  const cur = currentRounds.map(transform);
  if (cur.length === 0) {
    return { method: 'assumed-spread', entries: entries.length, baselineValue, test: null };
  }
  if (entries.length >= MIN_ENTRIES_FOR_PREDICTION) {
    const own = cur.length >= 2 ? variance(cur) / cur.length : undefined;
    const test = predictionInterval(values, mean(cur), { level, observationVariance: own });
    return { method: 'prediction', entries: entries.length, baselineValue, test };
  }
  // The runner spread is assumed only for log-scale metrics; error rates are absolute.
  const spread = scale === 'log' ? (options.assumedSpread ?? ASSUMED_RUNNER_SPREAD) : 0;
  return {
    method: 'assumed-spread',
    entries: entries.length,
    baselineValue,
    test: assumedSpreadTest(cur, entries, spread, level),
  };
}

/**
 * Few baseline runs (1-2): this run's mean against the entries' mean, as a prediction interval
 * whose runner-level variance is assumed instead of estimated:
 *   se² = spread² · (1 + 1/n) + s_w² · (1/r + Σ 1/(n² · r_j)),
 * where s_w² is the round-to-round variance pooled over this run and the entries (rounds of one
 * scenario on one runner share their noise; with equal round counts the pooled estimate is
 * robust to unequal spreads) and r, r_j are the rounds per run. Degrees of freedom by
 * Welch-Satterthwaite with the assumed part counted as known, so scattered rounds still widen
 * the interval, but three rounds per side give 4 degrees of freedom, not 2.
 */
export function assumedSpreadTest(
  cur: readonly number[],
  entries: readonly (readonly number[])[],
  spread: number,
  level = 0.95,
): TInterval | null {
  const n = entries.length;
  if (cur.length === 0 || n === 0) return null;
  const runs = [cur, ...entries];
  const dfWithin = runs.reduce((s, r) => s + Math.max(0, r.length - 1), 0);
  const pooled =
    dfWithin > 0
      ? runs.reduce((s, r) => s + (r.length >= 2 ? (r.length - 1) * variance(r) : 0), 0) / dfWithin
      : 0;
  const weight = 1 / cur.length + entries.reduce((s, e) => s + 1 / (n ** 2 * e.length), 0);
  const within = pooled * weight;
  const total = spread ** 2 * (1 + 1 / n) + within;
  const df = within > 0 ? Math.min(KNOWN_DF, total ** 2 / (within ** 2 / dfWithin)) : KNOWN_DF;
  const estimate = mean(cur) - mean(entries.map((e) => mean(e)));
  return tIntervalFrom(estimate, Math.sqrt(total), df, level);
}
