/**
 * The record of live process groups for the action's `post:` step, which kills whatever a
 * killed loadgate left behind. Append-only lines (`+PGID` started, `-PGID` stopped), so writing
 * never needs a read-modify-write; the reader folds them into the set still alive.
 */
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the action's main step records groups and its post step reads them (same job). */
export function defaultStateFile(env: Record<string, string | undefined>): string {
  return join(env.RUNNER_TEMP || tmpdir(), 'loadgate-pgids');
}

export function parseStateFile(text: string): number[] {
  const live = new Set<number>();
  for (const line of text.split('\n')) {
    const m = /^([+-])(\d+)$/.exec(line.trim());
    if (!m) continue;
    const pgid = Number(m[2]);
    if (pgid <= 1) continue;
    if (m[1] === '+') live.add(pgid);
    else live.delete(pgid);
  }
  return [...live];
}

/** Appends one record; a failure to write is reported, never thrown (it is a safety net). */
export function recordGroup(file: string, op: '+' | '-', pgid: number): string | null {
  try {
    appendFileSync(file, `${op}${pgid}\n`);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
