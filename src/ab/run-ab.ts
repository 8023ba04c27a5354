/**
 * compare: base. Check out the PR's base commit into a temporary worktree, boot base and head
 * side by side, measure them in ABBA blocks, and decide from the paired blocks. The stored
 * history still feeds the trend chart; it is not appended to (A/B rounds are not stored runs).
 *
 * Never fails the PR for the base's problem: no base commit, a checkout that fails, a base
 * whose setup or boot fails or that dies mid-run -> a warning, and the stored-baseline
 * pipeline runs instead. The worktree is always removed and both servers always stopped.
 */
import os from 'node:os';
import type { Config, WorkersSpec } from '../config/types.js';
import type { BaselineEntry, BaselineStore } from '../baseline/types.js';
import type { RunDeps, RunOptions, RunOutcome } from '../run.js';
import { createStore } from '../baseline/index.js';
import { scenarioFingerprint } from '../config/index.js';
import { selectBaselineEntries, type PairedMethod } from '../stats/index.js';
import { runnerFingerprint } from '../pipeline/runner-fingerprint.js';
import { versions } from '../pipeline/versions.js';
import { baseConfigFor } from './base-config.js';
import { measureAB, type ABMeasurement } from './measure-ab.js';
import { planAB, plannedSeconds, type ABPlan } from './plan.js';
import { abReport } from './report-ab.js';
import { checkoutBase, removeCheckout } from './worktree.js';
import { BaseUnavailable, type StoredPath } from './types.js';

export interface ABOptions {
  /** Override the block layout (benchmarks, tests); default from config.load (see planAB). */
  plan?: Partial<ABPlan>;
  /** Paired test: 't' (default) or the exact 'sign-flip'. */
  test?: PairedMethod;
}

interface Measured {
  measured: ABMeasurement;
  commit: string;
  warnings: string[];
}

/** Checkout -> base config -> A/B measurement -> worktree removed, whatever happened. */
async function measureAgainstBase(
  config: Config,
  ref: string,
  plan: ABPlan,
  deps: RunDeps,
  workersOverride: WorkersSpec | null,
): Promise<Measured> {
  const { log } = deps;
  const checkout = await log.group(`Check out base ${ref}`, () =>
    checkoutBase(config.baseDir, ref, { log, env: deps.env }),
  );
  try {
    const base = await baseConfigFor(config, checkout, {
      log,
      env: deps.env,
      cores: os.availableParallelism(),
      workersOverride,
    });
    for (const w of base.warnings) log.warn(w);
    log.info(`base server: ${base.from}`);
    log.info(
      `A/B: ${plan.blocks} blocks (ABBA), rounds of ${plan.roundMs / 1000}s per side, about ${Math.round(plannedSeconds(plan))}s of load`,
    );
    const measured = await measureAB(config, base.config, plan, deps);
    return { measured, commit: checkout.commit, warnings: base.warnings };
  } finally {
    await removeCheckout(checkout, { log, env: deps.env });
  }
}

async function storedHistory(
  config: Config,
  store: BaselineStore,
  warnings: string[],
): Promise<BaselineEntry[]> {
  try {
    const stored = await store.read(config.name);
    if (stored.warning) warnings.push(stored.warning);
    const selected = selectBaselineEntries(
      stored.series?.entries ?? [],
      scenarioFingerprint(config),
      runnerFingerprint(),
    );
    return selected.entries;
  } catch (e) {
    warnings.push(`stored history not read (${store.description}): ${(e as Error).message}`);
    return [];
  }
}

export async function runAB(
  config: Config,
  options: RunOptions,
  deps: RunDeps,
  stored: StoredPath,
  ab: ABOptions = {},
): Promise<RunOutcome> {
  const { log } = deps;
  const fallback = async (reason: string, details: string[] = []): Promise<RunOutcome> => {
    const message = `compare: base: ${reason}; compared with the stored baseline instead`;
    log.warn(message);
    for (const line of details) log.warn(`  ${line}`);
    const outcome = await stored.run(config, options, deps);
    outcome.report.warnings.unshift(message);
    return outcome;
  };
  const ref = options.baseRef?.trim();
  if (!ref) {
    return fallback(
      'no base commit to compare with (A/B runs on pull requests, or with a base ref given)',
    );
  }
  if (!config.server) return fallback('needs a server to boot, not a target');
  const plan = planAB(config.load, ab.plan);

  let result: Measured;
  try {
    result = await measureAgainstBase(config, ref, plan, deps, options.workersOverride ?? null);
  } catch (e) {
    if (e instanceof BaseUnavailable) return fallback(e.message, e.details);
    throw e;
  }

  const warnings = [...result.warnings];
  const store =
    deps.store ?? createStore(config.baseline, { log, cwd: config.baseDir, env: deps.env });
  const history = await storedHistory(config, store, warnings);
  const now = deps.now ?? (() => new Date());
  const { report } = abReport({
    config,
    plan,
    measured: result.measured,
    baseCommit: result.commit,
    history,
    warnings,
    runner: runnerFingerprint(),
    versions: versions(),
    createdAt: now(),
    commit: options.commit,
    ...(ab.test ? { test: ab.test } : {}),
  });
  const crashed = (report.server?.crashes.length ?? 0) > 0 && config.server.failOnCrash;
  if (options.updateBaseline) {
    // A/B rounds are short and share the runner with the base server: not the stored scenario's
    // measurement. Pushes to main have no base, so they run stored mode and update the history.
    const message = `baseline not updated: same-runner A/B rounds (${plan.roundMs / 1000}s, next to the base's server) are not comparable with stored runs; the history is updated by compare: stored runs, as on pushes to main`;
    log.warn(message);
    report.warnings.push(message);
  }
  return { report, exitCode: stored.exitCode(report, config, crashed) };
}
