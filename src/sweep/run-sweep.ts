/**
 * `loadgate sweep`: the scenario at each worker count (one boot, warm-up, rounds, stop per
 * count, through the same measure() as `run`), then the recommendation, and optionally the
 * connections sweep at the recommended count. The side effects of the sweep live here.
 */
import type { Config } from '../config/types.js';
import { ConfigError, ExitCode, ServerError } from '../errors.js';
import { measure, type MeasureDeps, type Measurement } from '../pipeline/measure.js';
import { runnerFingerprint } from '../pipeline/runner-fingerprint.js';
import { versions } from '../pipeline/versions.js';
import { count, formatMs, formatRate, formatRps } from '../util/format.js';
import { loadShape } from '../pipeline/build-report.js';
import { allowedCpus } from './affinity.js';
import { findKnee } from './knee.js';
import { isUneven, mostEven } from './balance.js';
import { sweepableServer, configForPoint, defaultWorkerCounts } from './plan.js';
import { concurrencyPoint, failedPoint, sweepPoint } from './point.js';
import { recommend, RPS_BAND } from './recommend.js';
import type { ConcurrencySweep, SweepPoint, SweepReport } from './types.js';

export interface SweepOptions {
  /** Worker counts to measure; null: 1 .. 2 x cores + 1 (cores: the pinned CPUs, else all). */
  workers: number[] | null;
  /** CPUs to pin the server to (taskset); null: not pinned. */
  cpus: number[] | null;
  /** Connection levels for a concurrency sweep at the recommended count; null: none. */
  connections: number[] | null;
}

export interface SweepDeps extends MeasureDeps {
  now?: () => Date;
  /** CPUs loadgate may use (default: this process's affinity). */
  hostCpus?: number[];
}

export interface SweepOutcome {
  report: SweepReport;
  /** 0 done; 3 when a count's server failed or crashed (the report still has the others). */
  exitCode: ExitCode;
}

type Attempt = { ok: Measurement } | { failure: string };

/** Boots at most per count when workers stay idle with CPU free (see balance.ts). */
export const BOOTS_WHEN_UNEVEN = 3;

/** A server failure at one count is data (too many workers for the memory); anything else stops. */
async function attempt(config: Config, deps: MeasureDeps, mustWork: boolean): Promise<Attempt> {
  try {
    return { ok: await measure(config, deps) };
  } catch (e) {
    if (e instanceof ServerError && !mustWork && !deps.signal.aborted) {
      deps.log.error(e.message);
      return { failure: e.message };
    }
    throw e;
  }
}

function pointLine(p: SweepPoint): string {
  if (p.failure !== null) return `workers ${p.workers}: failed (${p.failure})`;
  return (
    `workers ${p.workers}: ${formatRps(p.rps)} req/s, p95 ${formatMs(p.p95)}, errors ` +
    `${formatRate(p.errorRate)}${p.generatorBound ? ' [generator-bound]' : ''}` +
    (p.uneven ? ' [uneven: workers idle]' : '') +
    (p.attempts > 1 ? ` (kept the most even of ${p.attempts} boots)` : '')
  );
}

export async function sweep(
  config: Config,
  options: SweepOptions,
  deps: SweepDeps,
): Promise<SweepOutcome> {
  const { log } = deps;
  const server = sweepableServer(config);
  if (options.connections && config.load.model !== 'closed') {
    throw new ConfigError(
      `${config.source ?? 'load'}: a connections sweep needs the closed model (load.model: closed, no rate)`,
      { code: 'LG_SWEEP_CONNECTIONS' },
    );
  }
  const hostCpus = deps.hostCpus ?? allowedCpus();
  const cpus = options.cpus ?? hostCpus;
  const pinned = options.cpus !== null;
  const counts = options.workers ?? defaultWorkerCounts(cpus.length);
  const perPoint = (config.load.warmupMs + config.load.rounds * config.load.durationMs) / 1000;
  log.info(
    `sweep: workers ${counts.join(', ')} (${perPoint} s of load each, plus boot); ` +
      (pinned ? `server pinned to CPU ${cpus.join(',')}` : `server on CPU ${cpus.join(',')}`),
  );

  const shared = !pinned || cpus.length >= hostCpus.length;
  // Workers accepting on one socket can fall unevenly; one port per copy is the generator's spread.
  const sharedSocket = server.workers.mode === 'self' || server.socket === 'shared';
  const points: SweepPoint[] = [];
  for (const [i, workers] of counts.entries()) {
    const tries: SweepPoint[] = [];
    for (let a = 0; a < BOOTS_WHEN_UNEVEN; a++) {
      const pointConfig = configForPoint(config, {
        workers,
        cpus: pinned ? cpus : null,
        runSetup: i === 0 && a === 0,
      });
      const result = await log.group(
        `Sweep: ${count(workers, 'worker')}${a > 0 ? `, boot ${a + 1}` : ''}`,
        () => attempt(pointConfig, deps, i === 0 && a === 0),
      );
      if (!('ok' in result)) {
        if (tries.length === 0) tries.push(failedPoint(workers, result.failure));
        break;
      }
      const tried = sweepPoint(workers, result.ok.rounds, result.ok.server);
      tries.push(tried);
      if (!sharedSocket || !isUneven(tried, cpus.length, shared)) break;
      log.warn(
        `${workers} workers: worker CPU ${tried.cpuPerWorker.map((c) => `${Math.round(c * 100)}%`).join(' ')} ` +
          'with CPU to spare: some workers got no connections' +
          (a + 1 < BOOTS_WHEN_UNEVEN ? '; booting again' : ''),
      );
    }
    const kept = mostEven(tries); // tries holds at least the first boot
    const point: SweepPoint = {
      ...kept,
      attempts: tries.length,
      uneven: isUneven(kept, cpus.length, shared),
    };
    points.push(point);
    log.info(pointLine(point));
  }

  const recommendation = recommend(points, {
    p95Tolerance: config.gate.p95,
    errorCeiling: config.gate.errors,
    serverCpus: cpus.length,
    hostCpus: hostCpus.length,
    pinned,
  });
  log.info(`recommendation: ${recommendation.workers ?? 'none'}: ${recommendation.reason}`);

  let concurrency: ConcurrencySweep | null = null;
  if (options.connections && recommendation.workers !== null) {
    const at = recommendation.workers;
    const levels = [];
    for (const connections of options.connections) {
      const c = configForPoint(config, {
        workers: at,
        cpus: pinned ? cpus : null,
        runSetup: false,
        connections,
      });
      const result = await log.group(`Connections: ${connections} at ${count(at, 'worker')}`, () =>
        attempt(c, deps, false),
      );
      levels.push(
        'ok' in result
          ? concurrencyPoint(connections, result.ok.rounds)
          : concurrencyPoint(connections, null, result.failure),
      );
    }
    concurrency = { workers: at, points: levels, ...findKnee(levels, config.gate.errors) };
  }

  const failed =
    points.some((p) => p.failure !== null || (p.crashes > 0 && server.failOnCrash)) ||
    (concurrency?.points.some((p) => p.failure !== null) ?? false);
  const report: SweepReport = {
    schema: 1,
    kind: 'sweep',
    name: config.name,
    createdAt: (deps.now ?? (() => new Date()))().toISOString(),
    command: server.command,
    mode: server.workers.mode,
    load: loadShape(config.load),
    tolerance: { rpsBand: RPS_BAND, p95: config.gate.p95, errors: config.gate.errors },
    points,
    recommendation,
    concurrency,
    cpus,
    pinned,
    hostCpus,
    runner: runnerFingerprint(),
    versions: versions(),
    warnings: [],
  };
  return { report, exitCode: failed ? ExitCode.server : ExitCode.pass };
}
