/**
 * Entry of a load worker thread (`load.threads > 1`). It compiles the scenario itself from the
 * plain data it is given, waits for the start signal so all threads begin together, runs its
 * share of the load and posts each round's partial result; src/load/threads.ts merges them.
 *
 * Bundling: this file must exist next to the engine (worker.ts under tsx, worker.js after tsc),
 * or as its own bundle at <bundle dir>/../load-worker/index.js (see src/load/threads.ts).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runWorker } from './worker-main.js';
import type { WorkerInput } from './worker-main.js';

if (!isMainThread && parentPort) {
  runWorker(workerData as WorkerInput, parentPort);
}
