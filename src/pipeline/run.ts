/**
 * The pipeline as one readable function. Both front doors (CLI, action) call `run`; rendering
 * and publishing stay with them.
 *
 *   read the stored history once -> choose the comparison (choose.ts)
 *   -> A/B against the base commit (ab/), or, when there is none or the base fails, one stored-
 *      mode measurement compared with the history -> report -> append (stored mode, when asked)
 *   -> exit code (outcome.ts)
 */
import type { Config } from '../config/types.js';
import type { Logger } from '../log.js';
import type { Report, RunFailure, RunnerFingerprint } from '../report/types.js';
import type { BaselineEntry, BaselineStore } from '../baseline/types.js';
import { scenarioFingerprint } from '../config/index.js';
import {
  busyRunnerWarning,
  meanSteal,
  stealWarning,
  compare,
  currentFigures,
  type BaselineSelection,
} from '../stats/index.js';
import { createStore } from '../baseline/index.js';
import { abReport, BaseUnavailable, measureAgainstBase } from './ab/index.js';
import { runnerFingerprint } from './runner-fingerprint.js';
import { versions } from './versions.js';
import { buildServerReport } from './server-report.js';
import { measure } from './measure.js';
import { buildReport } from './build-report.js';
import { chooseComparison } from './choose.js';
import { readHistory } from './history.js';
import { appendRun } from './append.js';
import { exitCodeFor } from './outcome.js';
import { everyRequestFailed, failureOf, failureReport, roundsWithoutSuccess } from './failure.js';
import { ConfigError, ExitCode, isLoadgateError } from '../errors.js';
import type { RoundResult } from '../load/types.js';
import type { RunDeps, RunOptions, RunOutcome } from './types.js';

export type { RunDeps, RunOptions, RunOutcome } from './types.js';

/** What every path of one run shares: read once, at the start. */
interface RunContext {
  config: Config;
  options: RunOptions;
  deps: RunDeps;
  store: BaselineStore;
  runner: RunnerFingerprint;
  scenarioHash: string;
  history: BaselineSelection<BaselineEntry>;
  /** Warnings so far (store, fallback); each report starts with them. */
  warnings: string[];
  now: () => Date;
}

/** A warning goes to the log now and into the report later. */
function warner(log: Logger, warnings: string[]): (message: string) => void {
  return (message) => {
    log.warn(message);
    warnings.push(message);
  };
}

export async function run(config: Config, options: RunOptions, deps: RunDeps): Promise<RunOutcome> {
  const { log } = deps;
  const warnings: string[] = [];
  const warn = warner(log, warnings);
  for (const note of config.notes ?? []) warn(note);
  const store =
    deps.store ?? createStore(config.baseline, { log, cwd: config.baseDir, env: deps.env });
  const runner = options.recorded?.runner ?? runnerFingerprint();
  const scenarioHash = options.recorded?.scenarioHash ?? scenarioFingerprint(config);
  const history = await readHistory(store, config.name, scenarioHash, runner, warn);
  const ctx: RunContext = {
    config,
    options,
    deps,
    store,
    runner,
    scenarioHash,
    history,
    warnings,
    now: deps.now ?? (() => new Date()),
  };

  try {
    return await compareRun(ctx);
  } catch (e) {
    // A run failure (setup, boot, death, interrupt) is still a report; a config mistake or an
    // internal error is not a run result and goes to the front door as before.
    if (!isLoadgateError(e) || e instanceof ConfigError) throw e;
    const interrupted = deps.signal.aborted;
    return failed(
      ctx,
      failureOf(e, interrupted),
      [],
      interrupted ? ExitCode.interrupted : e.exitCode,
    );
  }
}

/** Chooses the comparison and makes it; falls back from A/B to stored mode. */
async function compareRun(ctx: RunContext): Promise<RunOutcome> {
  const { config, options, deps } = ctx;
  const { log } = deps;
  const warn = warner(log, ctx.warnings);
  const choice = chooseComparison(config, options);
  if (choice.kind === 'base') {
    const origin = options.baseRefOrigin ? ` (${options.baseRefOrigin})` : '';
    log.info(`compare: ${config.compare}: against base ${choice.ref}${origin} on this runner`);
    try {
      return await againstBase(ctx, choice.ref);
    } catch (e) {
      if (!(e instanceof BaseUnavailable)) throw e;
      warn(`compare: ${config.compare}: ${e.message}; compared with the stored baseline instead`);
      for (const line of e.details) log.warn(`  ${line}`);
    }
  } else if (choice.fallback) {
    warn(`compare: base: ${choice.fallback}; compared with the stored baseline instead`);
  } else if (choice.note) {
    const found = !options.baseRef && options.baseRefOrigin ? ` (${options.baseRefOrigin})` : '';
    log.info(`compare: auto: ${choice.note}${found}`);
  }
  return againstHistory(ctx);
}

function failed(
  ctx: RunContext,
  failure: RunFailure,
  rounds: RoundResult[],
  exitCode: ExitCode,
): RunOutcome {
  ctx.deps.log.error([`${failure.message}`, ...failure.details.map((l) => `  ${l}`)].join('\n'));
  const report = failureReport({
    config: ctx.config,
    failure,
    rounds,
    runner: ctx.runner,
    versions: versions(),
    createdAt: ctx.now(),
    commit: ctx.options.commit,
    warnings: [...ctx.warnings],
  });
  return { report, exitCode };
}

/** Same-runner A/B. The stored history feeds the trend chart only and is never appended to. */
async function againstBase(ctx: RunContext, ref: string): Promise<RunOutcome> {
  const { config, options, deps } = ctx;
  const measureBase = deps.measureBase ?? measureAgainstBase;
  const result = await measureBase(
    config,
    ref,
    { ...deps, workersOverride: options.workersOverride ?? null },
    deps.ab ?? {},
  );
  if (everyRequestFailed(result.measured.base.rounds)) {
    throw new BaseUnavailable("every request to the base's server failed");
  }
  const allFailed = everyRequestFailed(result.measured.head.rounds);
  if (allFailed) return failed(ctx, allFailed, result.measured.head.rounds, ExitCode.server);
  const { report } = abReport({
    config,
    plan: result.plan,
    measured: result.measured,
    baseCommit: result.commit,
    history: ctx.history.entries,
    warnings: [...ctx.warnings, ...result.warnings],
    runner: ctx.runner,
    versions: versions(),
    createdAt: ctx.now(),
    commit: options.commit,
    ...(deps.ab?.test ? { test: deps.ab.test } : {}),
  });
  if (options.updateBaseline) {
    // A/B rounds are short and share the runner with the base server: not the stored scenario's
    // measurement. Pushes to main have no base, so they run stored mode and update the history.
    const message = `baseline not updated: same-runner A/B rounds (${result.plan.roundMs / 1000}s, next to the base's server) are not comparable with stored runs; the history is updated by stored-mode runs, as on pushes to main`;
    deps.log.warn(message);
    report.warnings.push(message);
  }
  return outcome(report, config);
}

/** Stored mode: one measurement, compared with the stored history, appended when asked. */
async function againstHistory(ctx: RunContext): Promise<RunOutcome> {
  const { config, options, deps, history } = ctx;
  const warnings = [...ctx.warnings];
  const measured = await (deps.measure ?? measure)(config, deps);
  const allFailed = everyRequestFailed(measured.rounds);
  if (allFailed) return failed(ctx, allFailed, measured.rounds, ExitCode.server);
  const dead = roundsWithoutSuccess(measured.rounds);
  if (dead) {
    deps.log.warn(dead);
    warnings.push(dead);
  }
  const figures = currentFigures(measured.rounds);
  const comparison = compare({
    current: figures,
    baseline: history.entries.length > 0 ? history.entries : null,
    gate: config.gate,
    note: history.note,
    sameRunner: history.sameRunner,
    canCompareWithBase: config.server !== null,
  });
  const steal = measured.server ? meanSteal(measured.server.samples) : null;
  for (const warning of [busyRunnerWarning(figures.rounds, history.entries), stealWarning(steal)]) {
    if (!warning) continue;
    deps.log.warn(warning);
    warnings.push(warning);
  }
  const newest = history.entries.at(-1);
  const report = buildReport({
    config,
    rounds: measured.rounds,
    roundMetrics: figures.rounds,
    comparison,
    server: measured.server ? buildServerReport(config, measured.server) : null,
    steal,
    baseline:
      history.entries.length > 0
        ? {
            entries: history.entries.length,
            commit: newest?.commit ?? null,
            createdAt: newest?.createdAt ?? null,
            sameRunner: history.sameRunner,
            note: history.note,
          }
        : null,
    history: history.entries,
    runner: ctx.runner,
    versions: versions(),
    createdAt: ctx.now(),
    commit: options.commit,
    warnings,
  });
  if (options.updateBaseline && !dead) {
    await appendRun({
      config,
      store: ctx.store,
      log: deps.log,
      report,
      figures,
      scenarioHash: ctx.scenarioHash,
      commit: options.commit,
    });
  }
  return outcome(report, config);
}

function outcome(report: Report, config: Config): RunOutcome {
  const policy = { failOn: config.gate.failOn, failOnCrash: config.server?.failOnCrash ?? false };
  return { report, exitCode: exitCodeFor(report, policy) };
}
