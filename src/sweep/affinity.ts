/** The CPUs this process may run on (its affinity), from /proc; all of them when unreadable. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseCpuList } from './plan.js';

export function allowedCpus(): number[] {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const list = /^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1];
    const cpus = list ? parseCpuList(list) : null;
    if (cpus && cpus.length > 0) return cpus;
  } catch {
    // Not Linux: assume CPUs 0..n-1.
  }
  return Array.from({ length: os.availableParallelism() }, (_, i) => i);
}
