/**
 * The A/B measurement against a base commit: check out the base into a temporary worktree,
 * take its server section, measure both sides in ABBA blocks (sequentially extended while
 * undecided), and always remove the worktree. Anything that is the base's problem (no such
 * commit, a failed checkout, setup, boot or death of the base's server) is thrown as
 * BaseUnavailable: the pipeline then falls back to the stored baseline.
 */
import os from 'node:os';
import type { Config, WorkersSpec } from '../../config/types.js';
import type { Logger } from '../../log.js';
import type { MeasureDeps } from '../measure.js';
import type { PairedMethod } from '../../stats/index.js';
import { baseConfigFor } from './base-config.js';
import { measureAB, type ABMeasurement, type SequentialRule } from './measure-ab.js';
import {
  planAB,
  plannedBootPairs,
  plannedSeconds,
  STAGE_PAIR_BLOCKS,
  STAGE_PAIRS,
  type ABPlan,
} from './plan.js';
import { count } from '../../util/format.js';
import { pairedComparison } from './report-ab.js';
import { checkoutBase, removeCheckout } from './worktree.js';

export interface ABOptions {
  /** Override the block layout (benchmarks, tests); default from config.load (see planAB). */
  plan?: Partial<ABPlan>;
  /** Paired test: 't' (default) or the exact 'sign-flip'. */
  test?: PairedMethod;
  /** Family-wise false-alarm level spread over the looks; default 0.05. */
  alpha?: number;
}

export interface BaseMeasured {
  measured: ABMeasurement;
  plan: ABPlan;
  /** The base commit's full sha. */
  commit: string;
  /** From reading the base's config (e.g. which server section it used). */
  warnings: string[];
}

export interface BaseDeps extends MeasureDeps {
  workersOverride?: WorkersSpec | null;
}

/** Looks judge the blocks with the same paired comparison the report uses. */
export function sequentialRule(config: Config, plan: ABPlan, ab: ABOptions): SequentialRule {
  const extra = { test: ab.test };
  return {
    alpha: ab.alpha ?? 0.05,
    maxTimeMs: config.gate.maxTimeMs,
    decided: (rounds, alpha) =>
      pairedComparison(config, plan, rounds, alpha, extra).verdict !== 'inconclusive',
    describe: (rounds, alpha) => {
      const c = pairedComparison(config, plan, rounds, alpha, extra);
      return `${c.verdict} (${c.summary.replace(/^[A-Za-z-]+: /, '')})`;
    },
  };
}

function announce(log: Logger, plan: ABPlan, config: Config): void {
  const extension = plan.sequential
    ? `; ${STAGE_PAIRS} more boot pairs of ${STAGE_PAIR_BLOCKS} blocks at a time while undecided, within gate.max-time ${config.gate.maxTimeMs / 1000}s`
    : '';
  log.info(
    `A/B: ${plan.blocks} blocks (ABBA) in ${count(plannedBootPairs(plan), 'boot pair')}, rounds of ${plan.roundMs / 1000}s per side, about ${Math.round(plannedSeconds(plan))}s of load${extension}`,
  );
}

/** Checkout -> base config -> A/B measurement -> worktree removed, whatever happened. */
export async function measureAgainstBase(
  config: Config,
  ref: string,
  deps: BaseDeps,
  ab: ABOptions = {},
): Promise<BaseMeasured> {
  const { log } = deps;
  const plan = planAB(config.load, ab.plan);
  const checkout = await log.group(`Check out base ${ref}`, () =>
    checkoutBase(config.baseDir, ref, { log, env: deps.env }),
  );
  try {
    const base = await baseConfigFor(config, checkout, {
      log,
      env: deps.env,
      cores: os.availableParallelism(),
      workersOverride: deps.workersOverride ?? null,
    });
    for (const w of base.warnings) log.warn(w);
    log.info(`base server: ${base.from}`);
    announce(log, plan, config);
    const measured = await measureAB(
      config,
      base.config,
      plan,
      deps,
      sequentialRule(config, plan, ab),
    );
    return { measured, plan, commit: checkout.commit, warnings: base.warnings };
  } finally {
    await removeCheckout(checkout, { log, env: deps.env });
  }
}
