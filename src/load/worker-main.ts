/**
 * What a load worker thread does, and the messages it exchanges with the main thread.
 * main -> worker: `start` (epoch ms to begin), `abort`.
 * worker -> main: `ready`, `phase`, `tick`, `round`, `done`, `error`.
 */
import type { MessagePort } from 'node:worker_threads';
import type { RequestSpec } from '../config/types.js';
import { runThread } from './engine.js';
import type { EngineHooks, RoundPartial, ThreadPlan } from './engine.js';
import { compileRequests } from './scenario.js';
import type { SourceOptions } from './source.js';

export const WORKER_KIND = 'loadgate-load-worker';

export interface WorkerInput {
  kind: typeof WORKER_KIND;
  plan: ThreadPlan;
  requests: RequestSpec[];
  scope: {
    env: Record<string, string | undefined>;
    vars: Record<string, string>;
    captures: Record<string, string>;
    columns: string[] | null;
  };
  source: SourceOptions;
}

export type ToWorker = { type: 'start'; startAt: number } | { type: 'abort' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'phase'; phase: 'warmup' | 'round'; index: number; total: number }
  | { type: 'tick'; round: number; elapsedMs: number; requests: number; errors: number }
  | { type: 'round'; part: RoundPartial }
  | { type: 'done' }
  | { type: 'error'; message: string };

export function runWorker(input: WorkerInput, port: MessagePort): void {
  const post = (m: FromWorker): void => port.postMessage(m);
  const abort = new AbortController();
  let started = false;
  try {
    const { scope } = input;
    const requests = compileRequests(input.requests, {
      ...scope,
      columns: scope.columns ? new Set(scope.columns) : null,
    });
    const hooks: EngineHooks = {
      onPhase: (phase, index, total) => post({ type: 'phase', phase, index, total }),
      onTick: (info) => post({ type: 'tick', ...info }),
      onRound: (part) => post({ type: 'round', part }),
    };
    port.on('message', (m: ToWorker) => {
      if (m.type === 'abort') {
        abort.abort();
        if (!started) {
          started = true;
          post({ type: 'done' });
          port.close();
        }
        return;
      }
      if (started) return;
      started = true;
      runThread(
        { ...input.plan, startAt: m.startAt },
        requests,
        input.source,
        hooks,
        abort.signal,
      ).then(
        () => {
          post({ type: 'done' });
          port.close();
        },
        (e: unknown) => {
          post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
          port.close();
        },
      );
    });
    post({ type: 'ready' });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    port.close();
  }
}
