/**
 * compare: this run against its stored baseline history (compare: stored), and comparePaired:
 * head against base measured in interleaved blocks on the same runner (compare: base).
 * Both produce per-metric tests and hand them to evaluate.ts for the verdict rules.
 *
 * Stored mode with 1-2 baseline runs assumes a stated runner-to-runner spread (stored.ts), and
 * the summary says so. Pure.
 */
import type { GateConfig } from '../config/types.js';
import type {
  Advice,
  MetricName,
  MetricSet,
  RoundNoise,
  RoundMetrics,
  StoredRun,
  Verdict,
} from './types.js';
import { evaluate, type CurrentRun, type Scope } from './evaluate.js';
import { pairedTest, type PairedMethod } from './paired.js';
import { METRIC_RULES } from './rules.js';
import {
  ASSUMED_OTHER_RUNNER_SPREAD,
  ASSUMED_RUNNER_SPREAD,
  MIN_ENTRIES_FOR_PREDICTION,
  storedTest,
} from './stored.js';

export type { CurrentRun } from './evaluate.js';

export interface ComparisonInput {
  current: CurrentRun;
  /** History, oldest first, already narrowed to this scenario (see selectBaselineEntries). */
  baseline: StoredRun[] | null;
  gate: GateConfig;
  /** Family-wise false-alarm level; default 0.05. */
  alpha?: number;
  /** Said in the summary when there is no baseline (e.g. the scenario changed). */
  note?: string | null;
  /** loadgate boots the server (the base could be measured next to it): for the advice. */
  canCompareWithBase?: boolean;
  /**
   * The stored runs come from this kind of runner (selectBaselineEntries' `sameRunner`); with
   * 1-2 runs it decides the runner spread assumed. Default true.
   */
  sameRunner?: boolean;
}

export interface Comparison {
  verdict: Verdict;
  /** One plain sentence with numbers. */
  summary: string;
  metrics: MetricSet;
  endpoints: { name: string; metrics: MetricSet }[];
  noise: RoundNoise;
  /** With `inconclusive`: why, and what would decide it. */
  advice: Advice | null;
  /**
   * prediction: >= 3 baseline runs; assumed-spread: 1-2 runs and a stated runner spread;
   * paired: A/B blocks; none: no baseline.
   */
  method: ComparisonMethod;
  /** Baseline runs (stored) or blocks (paired) the verdict rests on. */
  baselineRuns: number;
  /** The significance a regression needed (before Holm). */
  alpha: number;
}

export type ComparisonMethod = 'prediction' | 'assumed-spread' | 'paired' | 'none';

export const DEFAULT_ALPHA = 0.05;

/**
 * Which round values of a metric are measurements. An endpoint with no requests in a round
 * (a rare one in a short round) has RPS 0 and an empty histogram there: no sample, left out,
 * instead of a log of zero that would read as a collapse. Overall, a round with no responses
 * at all is a real failure and stays in.
 */
function sampled(scope: Scope, metric: MetricName): (value: number) => boolean {
  return scope.name !== null && METRIC_RULES[metric].scale === 'log' ? (v) => v > 0 : () => true;
}

export function compare(input: ComparisonInput): Comparison {
  // An entry without rounds (hand-edited, or cut short) has nothing to compare with.
  const entries = (input.baseline ?? []).filter((e) => e.rounds.length > 0);
  const hasBaseline = entries.length > 0;
  const few = hasBaseline && entries.length < MIN_ENTRIES_FOR_PREDICTION;
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  const method = hasBaseline ? (few ? 'assumed-spread' : 'prediction') : 'none';
  const assumedSpread =
    input.sameRunner === false ? ASSUMED_OTHER_RUNNER_SPREAD : ASSUMED_RUNNER_SPREAD;
  const baselineRounds = (scope: Scope, e: StoredRun): RoundMetrics[] =>
    scope.name === null ? e.rounds : (e.endpoints.find((x) => x.name === scope.name)?.rounds ?? []);
  const result = evaluate(
    input.current,
    (scope, metric) => {
      if (!hasBaseline) return null;
      const present = sampled(scope, metric);
      return storedTest(
        scope.rounds.map((r) => r[metric]).filter(present),
        entries.map((e) =>
          baselineRounds(scope, e)
            .map((r) => r[metric])
            .filter(present),
        ),
        METRIC_RULES[metric].scale,
        { assumedSpread },
      );
    },
    {
      gate: input.gate,
      alpha,
      hasBaseline,
      summary: { baselineRuns: entries.length, method, note: input.note ?? null, assumedSpread },
      advice: { canCompareWithBase: input.canCompareWithBase ?? false },
    },
  );
  return { ...result, method, baselineRuns: entries.length, alpha };
}

export interface PairedComparisonInput {
  /** Head's figures; `rounds[i]` is head's value in block i (e.g. the mean of its two ABBA rounds). */
  current: CurrentRun;
  /** Base's figures from the same blocks: `base.rounds[i]` pairs with `current.rounds[i]`. */
  base: CurrentRun;
  gate: GateConfig;
  alpha?: number;
  /** 't' (default): paired t interval; 'sign-flip': exact randomization test (needs >= 6 blocks to ever reject at 5%). */
  test?: PairedMethod;
  /** For the advice: the most blocks gate.max-time allowed, and what one more block costs. */
  maxBlocks?: number | null;
  blockSeconds?: number | null;
  /**
   * The boot pair each block ran on (by block index); the boot pair is a level of the analysis
   * (boot-level.ts). null: all blocks on one boot, taken as independent.
   */
  pairOf?: readonly number[] | null;
  /** For the advice: blocks each sequential stage adds (more blocks come in whole stages). */
  stageBlocks?: number | null;
}

/** Same-runner A/B: one paired difference per block, never individual requests. */
export function comparePaired(input: PairedComparisonInput): Comparison {
  const blocks = Math.min(input.current.rounds.length, input.base.rounds.length);
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  if (input.pairOf && input.pairOf.length < blocks) {
    throw new RangeError(
      `comparePaired: ${blocks} blocks, ${input.pairOf.length} boot pair labels`,
    );
  }
  const baseRounds = (scope: Scope): RoundMetrics[] | null =>
    scope.name === null
      ? input.base.rounds
      : (input.base.endpoints.find((e) => e.name === scope.name)?.rounds ?? null);
  const result = evaluate(
    input.current,
    (scope, metric) => {
      const base = baseRounds(scope);
      if (!base) return null;
      // Blocks stay paired: a block where either side has no sample of the metric is left out.
      const present = sampled(scope, metric);
      const blocksWith = scope.rounds
        .map((r, i) => [r[metric], base[i]?.[metric], i] as const)
        .filter((pair): pair is readonly [number, number, number] => {
          const [h, b] = pair;
          return b !== undefined && present(h) && present(b);
        });
      const pairOf = input.pairOf ?? null;
      return pairedTest(
        blocksWith.map(([h]) => h),
        blocksWith.map(([, b]) => b),
        METRIC_RULES[metric].scale,
        input.test ?? 't',
        0.95,
        pairOf === null ? null : blocksWith.map(([, , i]) => pairOf[i] as number),
      );
    },
    {
      gate: input.gate,
      alpha,
      hasBaseline: blocks > 0,
      summary: { baselineRuns: blocks, method: 'paired', note: null },
      advice: {
        canCompareWithBase: true,
        maxBlocks: input.maxBlocks ?? null,
        blockSeconds: input.blockSeconds ?? null,
        stageBlocks: input.stageBlocks ?? null,
      },
    },
  );
  return { ...result, method: blocks > 0 ? 'paired' : 'none', baselineRuns: blocks, alpha };
}
