/**
 * Which stored entries a run is compared with: only the same scenario (a changed scenario is
 * incomparable -> no-baseline), preferably the same runner fingerprint, most recent last. Pure.
 */
import type { RunnerFingerprint, StoredRun } from './types.js';

/** Enough same-runner entries to build a prediction interval from them alone. */
export const SAME_RUNNER_MIN = 3;
/** Older history than this rarely describes today's code (main moves); keep the recent part. */
export const MAX_BASELINE_ENTRIES = 20;

export interface BaselineSelection<T extends StoredRun = StoredRun> {
  /** Oldest first. Empty when nothing is comparable. */
  entries: T[];
  /** Every selected entry has this run's runner fingerprint. */
  sameRunner: boolean;
  /** Why entries were dropped or mixed, for the report; null when there is nothing to say. */
  note: string | null;
}

/** The OS release without the kernel build in brackets: `Ubuntu 24.04.1 LTS (6.8.0-1017-azure)`. */
const osRelease = (os: string) => os.replace(/\s*\([^)]*\)\s*$/, '');
const nodeMajor = (version: string) => /^v?(\d+)\./.exec(version)?.[1] ?? version;

/**
 * The same kind of runner: CPU model, cores, OS release and Node's major version. Kernel builds
 * and Node patch releases change every few weeks on hosted runners without changing the speed
 * class; requiring them to match would leave almost no history "from this runner".
 */
export function sameRunner(a: RunnerFingerprint, b: RunnerFingerprint): boolean {
  return (
    a.cpuModel === b.cpuModel &&
    a.cores === b.cores &&
    osRelease(a.os) === osRelease(b.os) &&
    nodeMajor(a.node) === nodeMajor(b.node)
  );
}

function describeRunner(r: RunnerFingerprint): string {
  return `${r.cpuModel}, ${r.cores} cores, ${r.os}, Node ${r.node}`;
}

export function selectBaselineEntries<T extends StoredRun>(
  entries: readonly T[],
  scenarioHash: string,
  runner: RunnerFingerprint,
  maxEntries = MAX_BASELINE_ENTRIES,
): BaselineSelection<T> {
  // An entry without rounds (hand-edited, or cut short) has nothing to compare or chart.
  const usable = entries.filter((e) => e.rounds.length > 0);
  const comparable = usable.filter((e) => e.scenarioHash === scenarioHash);
  const notes: string[] = [];
  const empty = entries.length - usable.length;
  if (empty > 0) notes.push(`${empty} stored run(s) without rounds ignored`);
  if (comparable.length === 0) {
    if (usable.length > 0) {
      notes.push(
        `the scenario changed since the baseline (${usable.length} stored run(s) measured another scenario), so there is nothing comparable; the next baseline update starts a new history`,
      );
    }
    return { entries: [], sameRunner: false, note: notes.length > 0 ? notes.join('; ') : null };
  }
  const dropped = usable.length - comparable.length;
  if (dropped > 0) notes.push(`${dropped} stored run(s) of another scenario ignored`);
  const same = comparable.filter((e) => sameRunner(e.runner, runner));
  let chosen: T[];
  let allSame: boolean;
  if (same.length >= SAME_RUNNER_MIN || same.length === comparable.length) {
    chosen = same;
    allSame = true;
    if (same.length < comparable.length) {
      notes.push(
        `using the ${same.length} stored run(s) from this runner type (${describeRunner(runner)})`,
      );
    }
  } else {
    chosen = comparable;
    allSame = false;
    const other = comparable.find((e) => !sameRunner(e.runner, runner));
    notes.push(
      `runner mismatch: ${comparable.length - same.length} of ${comparable.length} stored run(s) come from another runner` +
        (other ? ` (${describeRunner(other.runner)} vs ${describeRunner(runner)})` : '') +
        '; runner-to-runner differences widen the interval',
    );
  }
  if (chosen.length > maxEntries) {
    notes.push(`using the latest ${maxEntries} of ${chosen.length} stored runs`);
    chosen = chosen.slice(-maxEntries);
  }
  return { entries: chosen, sameRunner: allSame, note: notes.length > 0 ? notes.join('; ') : null };
}
