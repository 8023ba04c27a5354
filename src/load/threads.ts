/**
 * `load.threads > 1`: worker threads share the connections and the rate; each round's partial
 * results are merged exactly (histograms) once every thread has reported it.
 *
 * Where the worker code is found (the engine module's own location decides):
 *  - running from TypeScript source (tsx): src/load/worker.ts, loaded through tsx's API;
 *  - compiled with tsc: worker.js next to this file;
 *  - bundled (ncc puts everything in dist/<x>/index.js): dist/load-worker/index.js, which the
 *    build must produce by bundling src/load/worker.ts on its own.
 * When none is there, workerEntry() returns null and the caller runs in one thread.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LoadProgress, RoundResult } from './types.js';
import { mergeRound } from './merge.js';
import type { RoundPartial } from './engine.js';
import type { FromWorker, ToWorker, WorkerInput } from './worker-main.js';

export type WorkerEntry = { file: string; viaTsx: boolean };

export function workerEntry(): WorkerEntry | null {
  const here = fileURLToPath(import.meta.url);
  const dir = dirname(here);
  if (here.endsWith('.ts')) {
    const file = join(dir, 'worker.ts');
    return existsSync(file) ? { file, viaTsx: true } : null;
  }
  for (const file of [join(dir, 'worker.js'), join(dir, '..', 'load-worker', 'index.js')]) {
    if (existsSync(file)) return { file, viaTsx: false };
  }
  return null;
}

function startWorker(entry: WorkerEntry, data: WorkerInput): Worker {
  if (!entry.viaTsx) return new Worker(entry.file, { workerData: data });
  // Node 20 does not pass tsx's loader to worker threads: register it inside, then import.
  const url = JSON.stringify(pathToFileURL(entry.file).href);
  const code = `import('tsx/esm/api').then((m) => m.register(), () => {}).then(() => import(${url}))`;
  return new Worker(code, { eval: true, workerData: data });
}

export interface ThreadedRun {
  inputs: WorkerInput[];
  model: 'closed' | 'open';
  /** Epoch ms at which the threads start together (shards); null: as soon as all are ready. */
  startAt?: number | null;
  /** Upper bound on the whole run (ms), after which the workers are terminated. */
  deadlineMs: number;
  progress?: LoadProgress;
  signal?: AbortSignal;
}

export async function runThreads(entry: WorkerEntry, run: ThreadedRun): Promise<RoundResult[]> {
  const n = run.inputs.length;
  const workers = run.inputs.map((data) => startWorker(entry, data));
  const pending = new Map<number, RoundPartial[]>();
  const ticks = new Map<number, Extract<FromWorker, { type: 'tick' }>>();
  const results: RoundResult[] = [];
  let ready = 0;
  let finished = 0;
  const send = (m: ToWorker): void => workers.forEach((w) => w.postMessage(m));
  const onAbort = (): void => send({ type: 'abort' });

  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`load threads did not finish within ${run.deadlineMs} ms`)),
        run.deadlineMs,
      );
      const fail = (i: number, why: string): void => {
        clearTimeout(deadline);
        reject(new Error(`load thread ${i + 1} of ${n} failed: ${why}`));
      };
      const done = (): void => {
        clearTimeout(deadline);
        resolve();
      };
      run.signal?.addEventListener('abort', onAbort, { once: true });
      workers.forEach((w, i) => {
        w.on('error', (e) => fail(i, e.message));
        w.on('exit', (code) => {
          if (code !== 0) fail(i, `exited with code ${code}`);
        });
        w.on('message', (m: FromWorker) => {
          switch (m.type) {
            case 'ready':
              if (++ready === n)
                send({ type: 'start', startAt: Math.max(run.startAt ?? 0, Date.now() + 50) });
              break;
            case 'phase':
              if (i === 0) run.progress?.onPhase?.(m.phase, m.index, m.total);
              break;
            case 'tick': {
              ticks.set(i, m);
              if (i !== 0) break;
              const same = [...ticks.values()].filter((t) => t.round === m.round);
              run.progress?.onTick?.({
                round: m.round,
                elapsedMs: m.elapsedMs,
                requests: same.reduce((s, t) => s + t.requests, 0),
                errors: same.reduce((s, t) => s + t.errors, 0),
              });
              break;
            }
            case 'round': {
              const parts = pending.get(m.part.index) ?? [];
              parts.push(m.part);
              pending.set(m.part.index, parts);
              if (parts.length < n) break;
              pending.delete(m.part.index);
              const round = mergeRound(parts, { model: run.model, threads: n });
              results.push(round);
              run.progress?.onRoundDone?.(round);
              break;
            }
            case 'done':
              if (++finished === n) done();
              break;
            case 'error':
              fail(i, m.message);
              break;
          }
        });
      });
      if (run.signal?.aborted) onAbort();
    });
  } finally {
    run.signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate().catch(() => 0)));
  }
  return results.sort((a, b) => a.index - b.index);
}
