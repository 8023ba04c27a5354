/**
 * Appends a stored-mode run to the series' history. A run with a crash is never stored (nor,
 * decided in run.ts, one with a round in which no request succeeded); a storage problem only
 * warns: the measurement itself is sound.
 */
import type { BaselineEntry, BaselineStore } from '../baseline/types.js';
import type { Config } from '../config/types.js';
import type { Logger } from '../log.js';
import type { Report } from '../report/types.js';
import { QUANTILE_METHOD, type CurrentRun } from '../stats/index.js';
import { errorMessage } from '../errors.js';

export interface AppendInput {
  config: Config;
  store: BaselineStore;
  log: Logger;
  /** Storage warnings are added to its warnings. */
  report: Report;
  figures: CurrentRun;
  scenarioHash: string;
  commit: string | null;
}

export async function appendRun(input: AppendInput): Promise<void> {
  const { config, store, log, report, figures, scenarioHash } = input;
  const warn = (message: string) => {
    log.warn(message);
    report.warnings.push(message);
  };
  if ((report.server?.crashes.length ?? 0) > 0 && config.server?.failOnCrash === true) {
    warn('baseline not updated: a worker crashed during this run');
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
    warn(`baseline not updated (${store.description}): ${errorMessage(e)}`);
  }
}
