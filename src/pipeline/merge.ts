/**
 * `loadgate merge`: shard reports -> one Report per series. Shards of one series are checked to
 * fit together (same scenario, every shard 1..N once, the same rounds run in the same time
 * window), their rounds merged exactly (load/merge-shards.ts), then compared with the stored
 * history as a stored-mode run would be (run() with the merged rounds as its measurement).
 */
import { basename } from 'node:path';
import { ConfigError, ExitCode } from '../errors.js';
import { mergeShardRound, roundOverlap } from '../load/index.js';
import type { RoundResult } from '../load/types.js';
import { failureReport } from './failure.js';
import { run } from './run.js';
import type { ShardFile } from './shard-files.js';
import type { RunDeps, RunOutcome } from './types.js';

/** Below this share of a round run together, the shards' load did not add up: an error. */
export const MIN_OVERLAP = 0.5;
/** Below this, the merge warns: part of each round ran with less than the full load. */
export const WARN_OVERLAP = 0.9;

export interface MergeOptions {
  updateBaseline: boolean;
  /** Overrides the commit the shards recorded. */
  commit: string | null;
}

export interface SeriesOutcome extends RunOutcome {
  /** The shard report files of this series, in shard order. */
  files: string[];
}

const mergeError = (message: string, details: string[] = []) =>
  new ConfigError(message, { code: 'LG_MERGE', details: details });

/** Series in the order their first file was given; shards in shard order. */
export function groupSeries(files: readonly ShardFile[]): ShardFile[][] {
  const bySeries = new Map<string, ShardFile[]>();
  for (const f of files) {
    const list = bySeries.get(f.report.name) ?? [];
    list.push(f);
    bySeries.set(f.report.name, list);
  }
  return [...bySeries.values()].map((list) =>
    [...list].sort((a, b) => a.report.shard.index - b.report.shard.index),
  );
}

/** Throws LG_MERGE when the shards of one series do not make one run; returns warnings. */
export function checkSeries(shards: readonly ShardFile[]): string[] {
  const first = shards[0];
  if (!first) throw mergeError('no shard reports');
  const name = first.report.name;
  const label = (f: ShardFile) =>
    `${basename(f.path)} (shard ${f.report.shard.index}/${f.report.shard.count})`;
  const otherScenario = shards.find((f) => f.report.scenarioHash !== first.report.scenarioHash);
  if (otherScenario) {
    throw mergeError(
      `series "${name}": ${label(otherScenario)} measured another scenario than ${label(first)}: merge the shards of one run only (a series with several scenarios needs a name: each)`,
    );
  }
  const count = first.report.shard.count;
  const otherCount = shards.find((f) => f.report.shard.count !== count);
  if (otherCount) {
    throw mergeError(
      `series "${name}": ${label(otherCount)} and ${label(first)} disagree on the number of shards`,
    );
  }
  const seen = new Map<number, ShardFile>();
  for (const f of shards) {
    const twin = seen.get(f.report.shard.index);
    if (twin) {
      throw mergeError(
        `series "${name}": shard ${f.report.shard.index}/${count} is given twice: ${twin.path} and ${f.path}`,
      );
    }
    seen.set(f.report.shard.index, f);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw mergeError(
      `series "${name}": shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing (got ${shards.map(label).join(', ')}): every shard's report is needed, or the load does not add up`,
    );
  }
  if (shards.some((f) => f.report.failure !== null)) return [];
  const rounds = first.report.rounds.length;
  const uneven = shards.find((f) => f.report.rounds.length !== rounds);
  if (uneven) {
    throw mergeError(
      `series "${name}": ${label(uneven)} has ${uneven.report.rounds.length} rounds, ${label(first)} ${rounds}: the shards did not run the same rounds`,
    );
  }
  const warnings: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const parts = shards.map((f) => f.report.rounds[i] as RoundResult);
    const overlap = roundOverlap(parts);
    const starts = parts.map((p, s) => `shard ${s + 1}: ${new Date(p.startedAt).toISOString()}`);
    const pct = `${Math.round(overlap * 100)}%`;
    if (overlap < MIN_OVERLAP) {
      throw mergeError(
        `series "${name}": in round ${i + 1} the shards ran together for only ${pct} of the round: they did not apply the load together (give every shard the same --start-at, or input start-at)`,
        starts,
      );
    }
    if (overlap < WARN_OVERLAP) {
      warnings.push(
        `round ${i + 1}: the shards ran together for ${pct} of the round (${starts.join(', ')}): part of it had less than the full load`,
      );
    }
  }
  return warnings;
}

/** The rounds of every shard, merged round by round (they were checked to line up). */
export function mergedRounds(shards: readonly ShardFile[]): RoundResult[] {
  const first = shards[0]?.report.rounds ?? [];
  return first.map((_, i) => mergeShardRound(shards.map((f) => f.report.rounds[i] as RoundResult)));
}

/** One series: checked, merged, compared (or the first failed shard's failure report). */
export async function mergeSeries(
  shards: readonly ShardFile[],
  options: MergeOptions,
  deps: RunDeps,
): Promise<SeriesOutcome> {
  const warnings = checkSeries(shards);
  const first = shards[0] as ShardFile;
  const files = shards.map((f) => f.path);
  const count = first.report.shard.count;
  const commit = options.commit ?? first.report.commit;
  const shardWarnings = shards.flatMap((f) =>
    f.report.warnings.map((w) => `shard ${f.report.shard.index}/${count}: ${w}`),
  );
  const failed = shards.find((f) => f.report.failure !== null);
  if (failed?.report.failure) {
    const f = failed.report.failure;
    const report = failureReport({
      config: failed.report.config,
      failure: { ...f, message: `shard ${failed.report.shard.index}/${count}: ${f.message}` },
      rounds: [],
      runner: failed.report.runner,
      versions: failed.report.versions,
      createdAt: (deps.now ?? (() => new Date()))(),
      commit,
      warnings: shardWarnings,
    });
    const exitCode =
      failed.report.exitCode === ExitCode.pass ? ExitCode.server : failed.report.exitCode;
    return { report, exitCode: exitCode as ExitCode, files };
  }
  deps.log.info(
    `merge: ${first.report.name}: ${count} shards, ${first.report.rounds.length} rounds`,
  );
  const rounds = mergedRounds(shards);
  const config = {
    ...first.report.config,
    compare: 'stored' as const,
    notes: [...shardWarnings, ...warnings],
  };
  const outcome = await run(
    config,
    {
      updateBaseline: options.updateBaseline,
      commit,
      recorded: { scenarioHash: first.report.scenarioHash, runner: first.report.runner },
    },
    { ...deps, measure: () => Promise.resolve({ rounds, server: null }) },
  );
  return { ...outcome, files };
}

/** Every series of the files, in the order given; the exit code is the worst of theirs. */
export async function mergeShardFiles(
  files: readonly ShardFile[],
  options: MergeOptions,
  deps: RunDeps,
): Promise<{ series: SeriesOutcome[]; exitCode: ExitCode }> {
  const groups = groupSeries(files);
  // Every series is checked before any is compared: a mistake is found before the slow part.
  for (const g of groups) checkSeries(g);
  const series: SeriesOutcome[] = [];
  for (const g of groups) series.push(await mergeSeries(g, options, deps));
  return { series, exitCode: worstExitCode(series.map((s) => s.exitCode)) };
}

/** Interrupted > internal > server > usage > regression > pass: the most serious outcome. */
const EXIT_SEVERITY: Record<number, number> = {
  [ExitCode.pass]: 0,
  [ExitCode.regression]: 1,
  [ExitCode.usage]: 2,
  [ExitCode.server]: 3,
  [ExitCode.internal]: 4,
  [ExitCode.interrupted]: 5,
};

export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  let worst: ExitCode = ExitCode.pass;
  for (const c of codes) if ((EXIT_SEVERITY[c] ?? 4) > (EXIT_SEVERITY[worst] ?? 0)) worst = c;
  return worst;
}
