/**
 * From the two sides' rounds to the verdict and the Report (pure). The Report shows the head's
 * figures; its baseline is the base measured in the same job. Block i pairs base.rounds[i]
 * with head.rounds[i]: one paired difference per block, never individual requests.
 */
import type { BaselineEntry } from '../../baseline/types.js';
import type { Config } from '../../config/types.js';
import type { Report, RunnerFingerprint } from '../../report/types.js';
import {
  comparePaired,
  currentFigures,
  meanSteal,
  stealWarning,
  type Comparison,
  type CurrentRun,
  type PairedMethod,
} from '../../stats/index.js';
import { buildReport } from '../build-report.js';
import { buildServerReport } from '../server-report.js';
import type { BlockRounds } from './blocks.js';
import type { ABMeasurement } from './measure-ab.js';
import { balanceWarning } from './balance.js';
import { bootPairsOf, STAGE_BLOCKS, type ABPlan } from './plan.js';
import { count } from '../../util/format.js';

export interface ABReportInput {
  config: Config;
  plan: ABPlan;
  measured: ABMeasurement;
  baseCommit: string;
  /** The stored history, for the trend chart only. */
  history: BaselineEntry[];
  warnings: string[];
  runner: RunnerFingerprint;
  versions: Record<string, string>;
  createdAt: Date;
  commit: string | null;
  test?: PairedMethod;
}

export interface ABReport {
  report: Report;
  /** The head's figures, as stored mode appends them to the history. */
  figures: CurrentRun;
}

export function abNote(baseCommit: string, plan: ABPlan, measured: ABMeasurement): string {
  const blocks = measured.head.rounds.length;
  const looks = measured.looks.length;
  const pairs = count(measured.bootPairs.length, 'boot pair');
  const sequential =
    looks > 1 ? `, ${looks} looks (${blocks - plan.blocks} blocks added while undecided)` : '';
  return `same-runner A/B against ${baseCommit.slice(0, 12)}, ${blocks} blocks ABBA in ${pairs} (rounds of ${plan.roundMs / 1000}s)${sequential}`;
}

/** The paired comparison of the blocks so far at one look's level (the looks and the report). */
export function pairedComparison(
  config: Config,
  plan: ABPlan,
  rounds: BlockRounds,
  alpha: number,
  extra: {
    test?: PairedMethod | undefined;
    maxBlocks?: number;
    blockSeconds?: number;
  } = {},
): Comparison {
  return comparePaired({
    current: currentFigures(rounds.head),
    base: currentFigures(rounds.base),
    gate: config.gate,
    alpha,
    ...(extra.test ? { test: extra.test } : {}),
    maxBlocks: extra.maxBlocks ?? null,
    blockSeconds: extra.blockSeconds ?? null,
    pairOf: bootPairsOf(plan, rounds.head.length),
    stageBlocks: STAGE_BLOCKS,
  });
}

export function abReport(input: ABReportInput): ABReport {
  const { config, plan, measured } = input;
  const figures = currentFigures(measured.head.rounds);
  const last = measured.looks.at(-1);
  const comparison = pairedComparison(
    config,
    plan,
    { head: measured.head.rounds, base: measured.base.rounds },
    last?.alpha ?? 0.05,
    {
      test: input.test,
      maxBlocks: measured.maxBlocks,
      // One more block: its share of a stage as measured (boots, warm-up, rounds, stops).
      blockSeconds: measured.stageSeconds / STAGE_BLOCKS,
    },
  );
  const warnings = [...input.warnings];
  const lopsided = measured.bootPairs
    .map((pair, i) => ({ i, text: balanceWarning(pair) }))
    .filter((b): b is { i: number; text: string } => b.text !== null);
  const first = lopsided[0];
  if (first && measured.bootPairs.length === 1) warnings.push(first.text);
  else if (first) {
    const which = lopsided.map((b) => b.i + 1).join(', ');
    warnings.push(`boot pair${lopsided.length > 1 ? 's' : ''} ${which}: ${first.text}`);
  }
  // Both sides' turns in every boot pair: the steal while some side had the load.
  const steal = meanSteal(measured.bootPairs.flatMap((p) => [...p.base, ...p.head]));
  const stolen = stealWarning(steal);
  if (stolen) warnings.push(stolen);
  const baseCrashes = measured.base.server.events.filter((e) => e.kind === 'crash').length;
  if (baseCrashes > 0) {
    warnings.push(`the base's server had ${baseCrashes} worker crash(es) during the A/B rounds`);
  }
  const report = buildReport({
    // The report states the rounds that were actually run: K blocks of plan.roundMs per side.
    config: {
      ...config,
      load: { ...config.load, rounds: measured.head.rounds.length, durationMs: plan.roundMs },
    },
    rounds: measured.head.rounds,
    roundMetrics: figures.rounds,
    comparison,
    server: buildServerReport(config, measured.head.server),
    steal,
    baseline: {
      entries: measured.head.rounds.length,
      commit: input.baseCommit,
      createdAt: input.createdAt.toISOString(),
      sameRunner: true,
      note: abNote(input.baseCommit, plan, measured),
    },
    history: input.history,
    runner: input.runner,
    versions: input.versions,
    createdAt: input.createdAt,
    commit: input.commit,
    warnings,
  });
  return { report, figures };
}
