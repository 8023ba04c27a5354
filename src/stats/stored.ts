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
 *   se² = spread² · (1 + 1/n) + var(this run's mean) + var(the entries' mean),
 * the last two from each run's own round-to-round noise. Degrees of freedom by
 * Welch-Satterthwaite over the estimated parts (the assumed part counts as known), so a run
 * with few, scattered rounds still gets a wide interval. A run without two rounds borrows the
 * other side's round variance; with none anywhere, only the assumed spread is left.
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
  const known = runs.map((r) => variance(r)).filter((v) => !Number.isNaN(v));
  const pooled = known.length > 0 ? mean(known) : 0;
  // Each estimated part: its variance contribution and its degrees of freedom.
  const part = (r: readonly number[], weight: number) => {
    const v = r.length >= 2 ? (variance(r) as number) : pooled;
    return { v: (weight * v) / r.length, df: r.length >= 2 ? r.length - 1 : KNOWN_DF };
  };
  const parts = [part(cur, 1), ...entries.map((e) => part(e, 1 / n ** 2))];
  const estimated = parts.reduce((s, p) => s + p.v, 0);
  const runnerVar = spread ** 2 * (1 + 1 / n);
  const total = runnerVar + estimated;
  const denominator = parts.reduce((s, p) => s + p.v ** 2 / p.df, 0);
  const df = denominator > 0 ? Math.min(KNOWN_DF, total ** 2 / denominator) : KNOWN_DF;
  const estimate = mean(cur) - mean(entries.map((e) => mean(e)));
  return tIntervalFrom(estimate, Math.sqrt(total), df, level);
}
