/**
 * `{workers}` in a `workers: self` command: where the worker count goes when loadgate chooses it
 * (`loadgate sweep` runs `gunicorn -w {workers}` at 1, 2, 3... workers). Pure.
 */
import type { WorkersSpec } from '../config/types.js';

export const WORKERS_PLACEHOLDER = '{workers}';

export function hasWorkersPlaceholder(command: string): boolean {
  return command.includes(WORKERS_PLACEHOLDER);
}

/** The command with every `{workers}` replaced by the count (unchanged without a count). */
export function fillWorkers(command: string, workers: WorkersSpec): string {
  if (workers.mode !== 'self' || workers.count === null) return command;
  return command.split(WORKERS_PLACEHOLDER).join(String(workers.count));
}
