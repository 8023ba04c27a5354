/**
 * One thread's load: its connections, the model's driver, warm-up then rounds on absolute
 * times, the engine's total-timeout sweep and per-round self-monitoring. Load is continuous
 * across phases; at each boundary the recorder is swapped, so a request belongs to the round
 * in which its answer arrived. Used directly (threads: 1) and inside each worker thread.
 */
import { rootCertificates } from 'node:tls';
import type { LoadConfig } from '../config/types.js';
import { RequestTimeoutError } from './classify.js';
import { ClosedDriver } from './closed.js';
import { Connection } from './connection.js';
import type { ConnectionEvents } from './connection.js';
import { GeneratorMonitor } from './monitor.js';
import type { GeneratorSample } from './monitor.js';
import { OpenDriver } from './open.js';
import type { OpenRoundStats } from './open.js';
import { RoundRecorder } from './recorder.js';
import type { RecordedRound } from './recorder.js';
import { phasesOf, runSchedule } from './phases.js';
import { RequestSource } from './source.js';
import type { SourceOptions } from './source.js';
import type { CompiledRequest } from './scenario.js';

export interface ThreadPlan {
  threadIndex: number;
  threadCount: number;
  /** One origin per connection of this thread (targets spread round-robin by the caller). */
  origins: string[];
  /** This thread's part of the open model's rate. */
  rateShare: number;
  load: LoadConfig;
  /** Epoch ms at which the warm-up starts, so that threads start together; null: now. */
  startAt: number | null;
  /** Extra CA certificate (PEM) trusted for https targets, besides Node's root CAs. */
  ca?: string | null;
}

export interface RoundPartial {
  index: number;
  startedAt: number;
  seconds: number;
  recorded: RecordedRound;
  generator: GeneratorSample;
  open: OpenRoundStats | null;
}

export interface EngineHooks {
  onPhase?(phase: 'warmup' | 'round', index: number, total: number): void;
  onRound(part: RoundPartial): void;
  onTick?(info: { round: number; elapsedMs: number; requests: number; errors: number }): void;
}

function sleepUntil(perfMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, perfMs - performance.now()));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Node's root CAs plus the extra one: giving `ca` alone would replace the defaults. */
export function trustedCas(extra: string | null): string[] | null {
  return extra === null ? null : [...rootCertificates, extra];
}

const NO_EVENTS: ConnectionEvents = { onAnswer: () => {}, onFailure: () => {} };

export async function runThread(
  plan: ThreadPlan,
  requests: readonly CompiledRequest[],
  sourceOptions: SourceOptions,
  hooks: EngineHooks,
  signal?: AbortSignal,
): Promise<void> {
  const { load } = plan;
  const names = requests.map((r) => r.name);
  const open = load.model === 'open';
  const newRecorder = (): RoundRecorder => new RoundRecorder(names, open);
  const source = new RequestSource(requests, sourceOptions);
  const ca = trustedCas(plan.ca ?? null);
  const conns = plan.origins.map(
    (origin) => new Connection({ origin, timeoutMs: load.timeoutMs, ca }, NO_EVENTS),
  );
  const phases = phasesOf(load);
  const openDriver = open
    ? new OpenDriver(
        conns,
        source,
        runSchedule(load, plan.rateShare),
        load.timeoutMs,
        newRecorder(),
      )
    : null;
  const driver = openDriver ?? new ClosedDriver(conns, source, newRecorder());
  for (const c of conns) c.events = driver;

  if (plan.startAt !== null)
    await sleepUntil(performance.now() + (plan.startAt - Date.now()), signal);
  const monitor = new GeneratorMonitor();
  const origin = performance.now();
  let current: { index: number; start: number; rec: RoundRecorder } | null = null;
  const sweepMs = Math.min(250, Math.max(10, load.timeoutMs / 4));
  const sweep = setInterval(() => {
    const now = performance.now();
    for (const c of conns) {
      if (c.busy && now - c.sentAt > load.timeoutMs)
        c.abort(new RequestTimeoutError(`no complete answer within ${load.timeoutMs} ms`));
    }
  }, sweepMs);
  const ticker = setInterval(() => {
    if (current === null) return;
    const { index, start, rec } = current;
    hooks.onTick?.({
      round: index,
      elapsedMs: performance.now() - start,
      requests: rec.requests,
      errors: rec.errors,
    });
  }, 1000);

  try {
    if (driver instanceof ClosedDriver) driver.start();
    else driver.start(origin);
    for (const phase of phases) {
      if (signal?.aborted) break;
      hooks.onPhase?.(phase.kind, phase.index, phase.kind === 'round' ? load.rounds : 1);
      const rec = newRecorder();
      driver.recorder = rec;
      const start = performance.now();
      const startedAt = Date.now();
      monitor.begin();
      current = phase.kind === 'round' ? { index: phase.index, start, rec } : null;
      await sleepUntil(origin + phase.endMs, signal);
      if (signal?.aborted) break;
      const end = performance.now();
      driver.recorder = newRecorder();
      current = null;
      const generator = monitor.take();
      const openStats = openDriver ? openDriver.takeRoundStats(phase.startMs, phase.endMs) : null;
      if (phase.kind !== 'round') continue;
      const seconds = (end - start) / 1000;
      hooks.onRound({
        index: phase.index,
        startedAt,
        seconds,
        generator,
        open: openStats,
        recorded: rec.finish(),
      });
    }
  } finally {
    driver.stop();
    clearInterval(sweep);
    clearInterval(ticker);
    monitor.stop();
    await Promise.race([
      Promise.all(conns.map((c) => c.destroy())),
      new Promise((r) => setTimeout(r, 2000).unref()),
    ]);
  }
}
