/**
 * The pipeline as one readable function: read baseline -> boot -> ready -> warm-up -> rounds
 * -> stop -> stats -> report -> baseline update. Both front doors (CLI, action) call `run`;
 * rendering and publishing stay with them.
 */
import os from 'node:os';
import type { Config } from './config/types.js';
import type { Logger } from './log.js';
import type { Report } from './report/types.js';
import type { BaselineEntry, BaselineStore } from './baseline/types.js';
import type { RoundResult } from './load/types.js';
import type { RunningServer } from './supervisor/types.js';
import { ExitCode, LoadgateError, ServerError } from './errors.js';
import { scenarioFingerprint } from './config/index.js';
import { startServer } from './supervisor/index.js';
import { runLoad } from './load/index.js';
import { compare, currentFigures, QUANTILE_METHOD, selectBaselineEntries } from './stats/index.js';
import { createStore } from './baseline/index.js';
import { runnerFingerprint } from './pipeline/runner-fingerprint.js';
import { versions } from './pipeline/versions.js';
import { buildServerReport, type ServerRecord } from './pipeline/server-report.js';
import { buildReport } from './pipeline/build-report.js';
import { progressLogger } from './pipeline/progress.js';

export interface RunOptions {
  /** Append this run to the baseline history (CLI --update-baseline; action on push to main). */
  updateBaseline: boolean;
  /** The commit being measured, recorded in the baseline and report. */
  commit: string | null;
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

interface Measurement {
  rounds: RoundResult[];
  server: ServerRecord | null;
}

export async function run(config: Config, options: RunOptions, deps: RunDeps): Promise<RunOutcome> {
  const { log } = deps;
  const now = deps.now ?? (() => new Date());
  const store =
    deps.store ?? createStore(config.baseline, { log, cwd: config.baseDir, env: deps.env });
  const runner = runnerFingerprint();
  const scenarioHash = scenarioFingerprint(config);
  const warnings: string[] = [];

  const stored = await store.read(config.name);
  if (stored.warning) {
    log.warn(stored.warning);
    warnings.push(stored.warning);
  }
  const selection = selectBaselineEntries(stored.series?.entries ?? [], scenarioHash, runner);
  if (selection.note) warnings.push(selection.note);

  const measured = await measure(config, deps);
  const figures = currentFigures(measured.rounds);
  const comparison = compare({
    current: figures,
    baseline: selection.entries.length > 0 ? selection.entries : null,
    gate: config.gate,
    note: selection.note,
  });
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
    runner,
    versions: versions(),
    createdAt: now(),
    commit: options.commit,
    warnings,
  });

  const crashed = (server?.crashes.length ?? 0) > 0 && config.server?.failOnCrash === true;
  if (options.updateBaseline) {
    if (crashed) {
      log.warn('baseline not updated: a worker crashed during this run');
    } else {
      const entry: BaselineEntry = {
        createdAt: report.createdAt,
        commit: options.commit,
        scenarioHash,
        runner,
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
  }

  return { report, exitCode: exitCodeFor(report, config, crashed) };
}

function exitCodeFor(report: Report, config: Config, crashed: boolean): ExitCode {
  if (crashed) return ExitCode.server;
  if (report.verdict === 'regression') return ExitCode.regression;
  if (report.verdict === 'inconclusive' && config.gate.failOn === 'inconclusive')
    return ExitCode.regression;
  return ExitCode.pass;
}

/** Boot (or use the target), run the load while watching the server, and always stop it. */
async function measure(config: Config, deps: RunDeps): Promise<Measurement> {
  const { log } = deps;
  const loadAbort = new AbortController();
  const forward = () => loadAbort.abort();
  deps.signal.addEventListener('abort', forward, { once: true });
  let server: RunningServer | null = null;
  let diedReason: string | null = null;
  try {
    const serverConfig = config.server;
    if (serverConfig) {
      server = await log.group(`Boot: ${serverConfig.command}`, () =>
        startServer(serverConfig, {
          log,
          env: deps.env,
          signal: deps.signal,
          stateFile: deps.stateFile,
          cores: os.availableParallelism(),
        }),
      );
      void server.died.then((reason) => {
        diedReason = reason;
        loadAbort.abort();
      });
    }
    const targets = server ? server.targets : [config.target as string];
    const loadStartedAt = Date.now();
    const rounds = await log.group(`Load: ${targets.join(', ')}`, () =>
      runLoad({
        config,
        targets,
        env: deps.env,
        signal: loadAbort.signal,
        progress: progressLogger(config, log),
      }),
    );
    if (diedReason !== null) {
      throw new ServerError(
        `the server died during the load test: ${diedReason}`,
        'LG_SERVER_DIED',
      );
    }
    if (deps.signal.aborted) {
      throw new LoadgateError(
        'LG_INTERRUPTED',
        'interrupted: load stopped, server stopped',
        ExitCode.interrupted,
      );
    }
    if (rounds.length === 0) {
      throw new LoadgateError('LG_NO_ROUNDS', 'the load test finished no round', ExitCode.internal);
    }
    const measuredFrom = rounds[0]?.startedAt ?? loadStartedAt;
    const record: ServerRecord | null = server
      ? {
          mode: server.mode,
          workerCount: server.workerCount(),
          mainPids: server.mainPids(),
          events: server.events(),
          samples: server.samples(measuredFrom),
        }
      : null;
    return { rounds, server: record };
  } finally {
    deps.signal.removeEventListener('abort', forward);
    const running = server;
    if (running) await log.group('Stop server', () => running.stop());
  }
}
