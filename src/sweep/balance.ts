/**
 * Whether the workers shared the load (pure). A gunicorn/uvicorn master's workers all accept on
 * one socket; when the generator opens its keep-alive connections in one burst, the first worker
 * to wake can accept nearly all of them and keep them for the whole run, while CPU sits idle
 * (FIELD-NOTES 1: 2 workers measured about 2,600 or 4,700 req/s from run to run). A load
 * balancer in production opens connections over time, so an uneven boot measures the accident,
 * not the worker count.
 */
import type { SweepPoint } from './types.js';

/** A worker below this fraction of its fair share of the workers' CPU is idle. */
const IDLE_SHARE = 0.25;
/** CPU used below this fraction of what the server could use means capacity was left idle. */
const BUSY = 0.85;

/** Workers that did less than a quarter of their fair share of the work. */
export function idleWorkers(cpuPerWorker: readonly number[]): number {
  const total = cpuPerWorker.reduce((s, c) => s + c, 0);
  if (cpuPerWorker.length < 2 || total <= 0) return 0;
  const fair = total / cpuPerWorker.length;
  return cpuPerWorker.filter((c) => c < IDLE_SHARE * fair).length;
}

/**
 * Idle workers while CPU was left unused: the measurement shows how connections fell, not what
 * the count can do. `cpus`: CPUs the server could use; `shared`: it runs on every CPU of the
 * machine, so the machine's busy share (the generator and other processes too) is what counts.
 */
export function isUneven(p: SweepPoint, cpus: number, shared: boolean): boolean {
  if (p.failure !== null || p.workers < 2) return false;
  const total = p.cpuPerWorker.reduce((s, c) => s + c, 0);
  if (total < 0.2 || idleWorkers(p.cpuPerWorker) === 0) return false;
  return shared ? p.systemCpu < BUSY : p.serverCpu < BUSY * cpus;
}

/** Of several boots at one count, the one that used the most CPU (the most even spread). */
export function mostEven(attempts: readonly SweepPoint[]): SweepPoint {
  return attempts.reduce((a, b) => (b.serverCpu > a.serverCpu ? b : a));
}
