/**
 * The pipeline as one readable function: read baseline -> boot -> ready -> warm-up -> rounds
 * -> stop -> stats -> report -> baseline update. Both front doors (CLI, action) call `run`;
 * rendering and publishing stay with them.
 */
import type { Config, WorkersSpec } from './config/types.js';
import type { Logger } from './log.js';
import type { Report } from './report/types.js';
import type { BaselineEntry, BaselineStore } from './baseline/types.js';
import { ExitCode } from './errors.js';
import { scenarioFingerprint } from './config/index.js';
import {
  busyRunnerWarning,
  compare,
  currentFigures,
  QUANTILE_METHOD,
  selectBaselineEntries,
} from './stats/index.js';
import { createStore } from './baseline/index.js';
import { runnerFingerprint } from './pipeline/runner-fingerprint.js';
import { versions } from './pipeline/versions.js';
import { buildServerReport } from './pipeline/server-report.js';
import { measure } from './pipeline/measure.js';
import { buildReport } from './pipeline/build-report.js';
import { runAB } from './ab/index.js';

export interface RunOptions {
  /** Append this run to the baseline history (CLI --update-baseline; action on push to main). */
  updateBaseline: boolean;
  /** The commit being measured, recorded in the baseline and report. */
  commit: string | null;
  /** `compare: base`: the commit to measure against on the same runner (a PR's base). */
  baseRef?: string | null;
  /**
   * Workers given on the command line or as an action input: they apply to the base side of
   * compare: base too, even when the base's own loadgate.yml names other workers.
   */
  workersOverride?: WorkersSpec | null;
}

export interface RunDeps {
  log: Logger;
  env: Record<string, string | undefined>;
  /** Aborted on SIGINT/SIGTERM: stop load, stop the server, still write what we have. */
  signal: AbortSignal;
  /** Defaults to the store the config names. */
  store?: BaselineStore;
  /** File where the supervisor records process groups for the action's post step. */
  stateFile?: string;
  now?: () => Date;
}

export interface RunOutcome {
  report: Report;
  exitCode: ExitCode;
}

export async function run(config: Config, options: RunOptions, deps: RunDeps): Promise<RunOutcome> {
  if (config.compare === 'base') {
    return runAB(config, options, deps, {
      run: runStored,
      exitCode: exitCodeFor,
    });
  }
  return runStored(config, options, deps);
}

/** The stored-baseline pipeline (compare: stored, and A/B's fallback). */
export async function runStored(
  config: Config,
  options: RunOptions,
  deps: RunDeps,
): Promise<RunOutcome> {
  const { log } = deps;
  const now = deps.now ?? (() => new Date());
  const store =
    deps.store ?? createStore(config.baseline, { log, cwd: config.baseDir, env: deps.env });
  const runner = runnerFingerprint();
  const scenarioHash = scenarioFingerprint(config);
  const warnings: string[] = [];
  const warn = (message: string) => {
    log.warn(message);
    warnings.push(message);
  };

  const stored = await store.read(config.name);
  if (stored.warning) warn(stored.warning);
  // Its note reaches the reader through the baseline line, or the summary when none is left.
  const selection = selectBaselineEntries(stored.series?.entries ?? [], scenarioHash, runner);

  const measured = await measure(config, deps);
  const figures = currentFigures(measured.rounds);
  const comparison = compare({
    current: figures,
    baseline: selection.entries.length > 0 ? selection.entries : null,
    gate: config.gate,
    note: selection.note,
  });
  const busy = busyRunnerWarning(figures.rounds, selection.entries);
  if (busy) warn(busy);
  const server = measured.server ? buildServerReport(config, measured.server) : null;
  const newest = selection.entries.at(-1);
  const report = buildReport({
    config,
    rounds: measured.rounds,
    roundMetrics: figures.rounds,
    comparison,
    server,
    baseline:
      selection.entries.length > 0
        ? {
            entries: selection.entries.length,
            commit: newest?.commit ?? null,
            createdAt: newest?.createdAt ?? null,
            sameRunner: selection.sameRunner,
            note: selection.note,
          }
        : null,
    history: selection.entries,
    runner,
    versions: versions(),
    createdAt: now(),
    commit: options.commit,
    warnings,
  });

  const crashed = (server?.crashes.length ?? 0) > 0 && config.server?.failOnCrash === true;
  if (options.updateBaseline) {
    await appendRun({
      config,
      store,
      log,
      report,
      figures,
      scenarioHash,
      commit: options.commit,
      crashed,
    });
  }

  return { report, exitCode: exitCodeFor(report, config, crashed) };
}

export interface AppendInput {
  config: Config;
  store: BaselineStore;
  log: Logger;
  /** Storage warnings are added to its warnings. */
  report: Report;
  figures: ReturnType<typeof currentFigures>;
  scenarioHash: string;
  commit: string | null;
  crashed: boolean;
}

/** Appends a measured run to the series' history; a storage problem only warns. */
export async function appendRun(input: AppendInput): Promise<void> {
  const { config, store, log, report, figures, scenarioHash, crashed } = input;
  if (crashed) {
    log.warn('baseline not updated: a worker crashed during this run');
    return;
  }
  const entry: BaselineEntry = {
    createdAt: report.createdAt,
    commit: input.commit,
    scenarioHash,
    runner: report.runner,
    versions: report.versions,
    quantileMethod: QUANTILE_METHOD,
    rounds: figures.rounds,
    endpoints: figures.endpoints.map((e) => ({ name: e.name, rounds: e.rounds })),
    histogram: report.histogram,
  };
  try {
    await store.append(config.name, entry, config.baseline.history);
    log.info(`baseline updated: ${store.description} (series "${config.name}")`);
  } catch (e) {
    // A storage problem never fails the check: the measurement itself is sound.
    const message = `baseline not updated (${store.description}): ${(e as Error).message}`;
    log.warn(message);
    report.warnings.push(message);
  }
}

export function exitCodeFor(report: Report, config: Config, crashed: boolean): ExitCode {
  if (crashed) return ExitCode.server;
  if (report.verdict === 'regression') return ExitCode.regression;
  if (report.verdict === 'inconclusive' && config.gate.failOn === 'inconclusive')
    return ExitCode.regression;
  return ExitCode.pass;
}
