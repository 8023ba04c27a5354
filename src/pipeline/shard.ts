/**
 * `loadgate run --shard I/N`: this process is load generator I of N against one target. It
 * sends its share of the load (connections split, or 1/N of the rate), starts at the shared
 * wall-clock time, and returns a shard report instead of a verdict: `loadgate merge` adds the
 * shards and compares once. A failed shard still reports (with its failure), so the merge can
 * say which shard failed.
 */
import type { Config } from '../config/types.js';
import { isRemoteTarget, scenarioFingerprint } from '../config/index.js';
import { ConfigError, ExitCode, isLoadgateError } from '../errors.js';
import { shardConnections } from '../load/index.js';
import type { RoundResult } from '../load/types.js';
import type { RunFailure } from '../report/types.js';
import { everyRequestFailed, failureOf } from './failure.js';
import { measure } from './measure.js';
import { runnerFingerprint } from './runner-fingerprint.js';
import { configForMerge, SHARD_REPORT_KIND, type ShardReport } from './shard-report.js';
import type { RunDeps } from './types.js';
import { versions } from './versions.js';

export interface ShardOptions {
  index: number;
  count: number;
  /** Epoch ms at which every shard starts its warm-up. */
  startAt: number;
  commit: string | null;
}

export interface ShardOutcome {
  report: ShardReport;
  exitCode: ExitCode;
}

/** Problems that make a sharded run meaningless, found before anything starts. */
export function checkShardable(config: Config, count: number): void {
  const where = config.source ?? 'command line';
  if (config.server !== null) {
    throw new ConfigError(
      `${where}: --shard needs target: (one running API that every shard loads); with server: each shard would boot and load its own copy`,
      { code: 'LG_SHARD' },
    );
  }
  if (config.load.connections < count) {
    throw new ConfigError(
      `${where}: load.connections: ${config.load.connections} cannot be split over ${count} shards (each needs at least one connection)`,
      { code: 'LG_SHARD' },
    );
  }
}

export async function runShard(
  config: Config,
  options: ShardOptions,
  deps: RunDeps,
): Promise<ShardOutcome> {
  checkShardable(config, options.count);
  const { log } = deps;
  const now = deps.now ?? (() => new Date());
  const warnings = [...(config.notes ?? [])];
  const shard = { index: options.index, count: options.count, startAt: options.startAt };
  const share =
    config.load.model === 'open'
      ? `1/${options.count} of the rate`
      : `${shardConnections(config.load.connections, shard)} of ${config.load.connections} connections`;
  const wait = Math.round((options.startAt - Date.now()) / 1000);
  log.info(
    `shard ${options.index}/${options.count}: ${share}; every shard starts at ${new Date(options.startAt).toISOString()}` +
      (wait >= 0 ? ` (in ${wait} s)` : ''),
  );
  if (wait < 0) {
    const late = `shard ${options.index}/${options.count} started ${-wait} s after the shared start time: its rounds may not line up with the other shards'`;
    log.warn(late);
    warnings.push(late);
  }
  let rounds: RoundResult[] = [];
  let failure: RunFailure | null = null;
  let exitCode: ExitCode = ExitCode.pass;
  try {
    rounds = (await (deps.measure ?? measure)(config, { ...deps, shard })).rounds;
    failure = everyRequestFailed(rounds);
    if (failure) exitCode = ExitCode.server;
  } catch (e) {
    if (!isLoadgateError(e) || e instanceof ConfigError) throw e;
    const interrupted = deps.signal.aborted;
    failure = failureOf(e, interrupted);
    exitCode = interrupted ? ExitCode.interrupted : e.exitCode;
  }
  if (failure) log.error([failure.message, ...failure.details.map((l) => `  ${l}`)].join('\n'));
  const report: ShardReport = {
    kind: SHARD_REPORT_KIND,
    schema: 1,
    name: config.name,
    shard: { index: options.index, count: options.count },
    startAt: new Date(options.startAt).toISOString(),
    createdAt: now().toISOString(),
    commit: options.commit,
    scenarioHash: scenarioFingerprint(config),
    target: config.target,
    remoteTarget: isRemoteTarget(config.target),
    runner: runnerFingerprint(),
    versions: versions(),
    warnings,
    failure,
    exitCode,
    config: configForMerge(config),
    rounds,
  };
  return { report, exitCode };
}
