/**
 * How many workers a server runs. `self`: the command manages its own (count unknown until
 * the supervisor looks at the process tree). `N`: loadgate starts N copies. `auto`: one worker
 * per core, minus one core for the load generator, which shares the runner with the server.
 */
import type { WorkersSpec } from './types.js';
import { count } from '../util/format.js';

/** gunicorn's rule of thumb, for comparison in the reason text. */
function gunicornRule(cores: number): number {
  return 2 * cores + 1;
}

/**
 * `auto`: max(1, cores - 1). gunicorn's 2 x cores + 1 assumes a machine dedicated to the server;
 * in a CI runner the generator needs about a core of its own, or it steals the server's CPU
 * and the numbers measure the contention instead of the API.
 */
export function autoWorkers(cores: number): { count: number; reason: string } {
  const usable = Number.isFinite(cores) && cores >= 1 ? Math.floor(cores) : 1;
  const workers = Math.max(1, usable - 1);
  const left =
    usable > 1 ? '1 core left for the load generator' : 'the load generator shares the only core';
  const reason =
    `auto: ${count(workers, 'worker')} on ${count(usable, 'core')} (${left}); ` +
    `gunicorn's 2 x cores + 1 = ${gunicornRule(usable)} assumes a machine dedicated to the server`;
  return { count: workers, reason };
}

export function resolveWorkers(
  value: 'self' | 'auto' | number | undefined,
  cores: number,
): WorkersSpec {
  if (value === undefined || value === 'self') return { mode: 'self', count: null };
  if (value === 'auto') return { mode: 'spawn', auto: true, ...autoWorkers(cores) };
  return {
    mode: 'spawn',
    count: value,
    auto: false,
    reason: `${count(value, 'worker')} as configured`,
  };
}
