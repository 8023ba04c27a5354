/**
 * The load engine's front: setup requests -> data feed -> scenario compiled once -> warm-up ->
 * rounds (closed or open model) -> RoundResult[]. Pure measuring: no output of its own; the
 * caller hears about progress through LoadProgress.
 *
 * Models, errors, threads and limits are described in engine.ts, closed.ts, open.ts, merge.ts
 * and threads.ts. Every loop is bounded by the run's duration; an aborted signal stops the
 * load promptly and resolves with the rounds finished so far.
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import type { Config } from '../config/types.js';
import { ScenarioError } from '../errors.js';
import { loadDataFeed } from './data-feed.js';
import type { DataRows } from './data-feed.js';
import { runThread } from './engine.js';
import type { ThreadPlan } from './engine.js';
import { mergeRound } from './merge.js';
import { threadSeed } from './rng.js';
import { compileRequests } from './scenario.js';
import { runSetup } from './setup.js';
import { runThreads, workerEntry } from './threads.js';
import type { LoadProgress, RoundResult } from './types.js';
import { WORKER_KIND } from './worker-main.js';
import type { WorkerInput } from './worker-main.js';

export type { LoadProgress, RoundResult } from './types.js';

export interface LoadRunInput {
  config: Config;
  /** Base URLs (origins); connections are spread over them round-robin. */
  targets: string[];
  env: Record<string, string | undefined>;
  progress?: LoadProgress;
  /** Abort: stop promptly, resolve with the rounds finished so far. */
  signal?: AbortSignal;
  /** For the data feed (default: fs/promises readFile, utf8). */
  readFile?: (path: string) => Promise<string>;
  /** Extra CA certificate (PEM text) trusted for https targets, besides Node's root CAs. */
  ca?: string | null;
  /** This process is one of several load generators (`--shard I/N`); null: the whole load. */
  shard?: ShardPlan | null;
}

/**
 * One shard of N: it sends its share of the connections (or 1/N of the rate) and starts its
 * warm-up at the shared wall-clock time, so the N shards together apply the configured load.
 */
export interface ShardPlan {
  /** 1-based, as typed (`--shard 2/3`). */
  index: number;
  count: number;
  /** Epoch ms at which every shard starts its warm-up. */
  startAt: number;
}

/** This shard's connections: the configured ones split as evenly as possible (0: too few). */
export function shardConnections(
  connections: number,
  shard: Pick<ShardPlan, 'index' | 'count'>,
): number {
  return (
    Math.floor(connections / shard.count) + (shard.index - 1 < connections % shard.count ? 1 : 0)
  );
}

function checkTargets(targets: readonly string[]): string[] {
  if (targets.length === 0)
    throw new ScenarioError('no target URL to send load to', { code: 'LG_TARGET' });
  return targets.map((t) => {
    let url: URL;
    try {
      url = new URL(t);
    } catch {
      throw new ScenarioError(`target ${t} is not a URL (expected http://127.0.0.1:PORT)`, {
        code: 'LG_TARGET',
      });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ScenarioError(`target ${t}: expected an http:// or https:// URL`, {
        code: 'LG_TARGET',
      });
    }
    if (url.pathname !== '/' || url.search) {
      throw new ScenarioError(
        `target ${t}: expected just scheme, host and port (paths belong in requests)`,
        { code: 'LG_TARGET' },
      );
    }
    return url.origin;
  });
}

/** Connections per thread: as even as possible, no empty thread. */
export function splitConnections(connections: number, threads: number): number[] {
  const t = Math.max(1, Math.min(threads, connections));
  return Array.from(
    { length: t },
    (_, i) => Math.floor(connections / t) + (i < connections % t ? 1 : 0),
  );
}

export async function runLoad(input: LoadRunInput): Promise<RoundResult[]> {
  const { config, env, progress, signal } = input;
  const load = config.load;
  const targets = checkTargets(input.targets);
  const readFile = input.readFile ?? ((p: string) => fsReadFile(p, 'utf8'));

  const data: DataRows | null = config.data ? await loadDataFeed(config.data, readFile) : null;
  const columns = data ? new Set(data.columns) : null;
  if (config.setup.length > 0) progress?.onPhase?.('setup', 0, 1);
  const captures = await runSetup({
    specs: config.setup,
    target: targets[0] as string,
    scope: { env, vars: config.vars, columns },
    firstRow: data?.rows[0] ?? null,
    timeoutMs: load.timeoutMs,
    seed: load.seed,
    ca: input.ca ?? null,
    ...(signal ? { signal } : {}),
  });
  const requests = compileRequests(config.requests, { env, vars: config.vars, captures, columns });
  if (signal?.aborted) return [];

  const shard = input.shard ?? null;
  const ca = input.ca ?? null;
  // A shard sends its part; its threads split that part again.
  const shardLoad = shard
    ? { ...load, connections: shardConnections(load.connections, shard) }
    : load;
  if (shardLoad.connections < 1) {
    throw new ScenarioError(
      `load.connections: ${load.connections} cannot be split over ${shard?.count} shards (each needs one)`,
      { code: 'LG_SHARD' },
    );
  }
  const shardShare = shard ? 1 / shard.count : 1;
  const split = splitConnections(shardLoad.connections, load.threads);
  const threads = split.length;
  let offset = 0;
  const plans: ThreadPlan[] = split.map((count, threadIndex) => {
    const origins = Array.from(
      { length: count },
      (_, j) => targets[(offset + j) % targets.length] as string,
    );
    offset += count;
    return {
      threadIndex,
      threadCount: threads,
      origins,
      rateShare: shardShare / threads,
      load: shardLoad,
      startAt: shard?.startAt ?? null,
      ca,
    };
  });
  // Shards number their threads globally, so seeds and `${seq}` differ between shards.
  const firstThread = shard ? (shard.index - 1) * threads : 0;
  const allThreads = shard ? shard.count * threads : threads;
  const sourceFor = (threadIndex: number) => ({
    seed: threadSeed(load.seed, firstThread + threadIndex),
    threadIndex: firstThread + threadIndex,
    threadCount: allThreads,
    data: data && config.data ? { rows: data.rows, order: config.data.order } : null,
  });

  const entry = threads > 1 ? workerEntry() : null;
  if (threads > 1 && entry === null) {
    progress?.onWarning?.(
      `load.threads: ${load.threads} ignored: the worker file was not found next to the engine; running in one thread`,
    );
  }
  if (threads > 1 && entry !== null) {
    const inputs = plans.map((plan): WorkerInput => ({
      kind: WORKER_KIND,
      plan,
      requests: config.requests,
      scope: { env, vars: config.vars, captures, columns: data ? data.columns : null },
      source: sourceFor(plan.threadIndex),
    }));
    const waitMs = shard ? Math.max(0, shard.startAt - Date.now()) : 0;
    const runMs = waitMs + load.warmupMs + load.rounds * load.durationMs;
    return runThreads(entry, {
      inputs,
      model: load.model,
      startAt: shard?.startAt ?? null,
      deadlineMs: runMs + Math.max(30_000, load.timeoutMs * 2),
      ...(progress ? { progress } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  // One thread: this event loop runs all the connections.
  const single: ThreadPlan = {
    ...plans[0]!, // splitConnections gives at least one thread
    threadCount: 1,
    rateShare: shardShare,
    origins: plans.flatMap((p) => p.origins),
  };
  const results: RoundResult[] = [];
  await runThread(
    single,
    requests,
    { ...sourceFor(0), threadCount: shard ? allThreads : 1 },
    {
      onPhase: (phase, index, total) => progress?.onPhase?.(phase, index, total),
      onTick: (info) => progress?.onTick?.(info),
      onRound: (part) => {
        const round = mergeRound([part], { model: load.model, threads: 1 });
        results.push(round);
        progress?.onRoundDone?.(round);
      },
    },
    signal,
  );
  return results;
}

export { mergeShardRound, roundOverlap } from './merge-shards.js';
export type { EndpointRound, ErrorKind, GeneratorHealth } from './types.js';
