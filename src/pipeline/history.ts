/**
 * The stored history a run is compared with (stored mode) or charts (A/B), read and selected
 * once per run. A store that cannot be read is a warning, never a failed check: the run is
 * still measured and compared with nothing.
 */
import type { BaselineEntry, BaselineStore } from '../baseline/types.js';
import type { RunnerFingerprint } from '../report/types.js';
import { selectBaselineEntries, type BaselineSelection } from '../stats/index.js';
import { errorMessage } from '../errors.js';

export async function readHistory(
  store: BaselineStore,
  series: string,
  scenarioHash: string,
  runner: RunnerFingerprint,
  warn: (message: string) => void,
): Promise<BaselineSelection<BaselineEntry>> {
  try {
    const stored = await store.read(series);
    if (stored.warning) warn(stored.warning);
    return selectBaselineEntries(stored.series?.entries ?? [], scenarioHash, runner);
  } catch (e) {
    warn(`stored history not read (${store.description}): ${errorMessage(e)}`);
    return { entries: [], sameRunner: false, note: null };
  }
}
