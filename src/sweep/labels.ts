/** How a sweep describes its load and its CPUs, the same in every renderer (pure). */
import type { SweepReport } from './types.js';
import { count } from '../util/format.js';

export function cpuLabel(r: Pick<SweepReport, 'cpus' | 'pinned' | 'hostCpus'>): string {
  const list = r.cpus.join(',');
  return r.pinned && r.cpus.length < r.hostCpus.length
    ? `server pinned to CPU ${list} (${r.cpus.length} of ${r.hostCpus.length}, taskset)`
    : `server on CPU ${list} (not pinned; shared with the load generator)`;
}

export function loadLabel(r: SweepReport): string {
  const l = r.load;
  const what =
    l.model === 'open'
      ? `open model at ${l.rate ?? 'staged'} req/s`
      : `${l.connections} connections`;
  return `${count(l.rounds, 'round')} of ${l.durationMs / 1000} s after ${l.warmupMs / 1000} s warm-up, ${what}`;
}
