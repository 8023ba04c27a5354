/**
 * The record of live process groups for the action's `post:` step, which kills whatever a
 * killed loadgate left behind. Append-only lines, so writing never needs a read-modify-write;
 * the reader folds them into what is still alive:
 *
 *     +PGID START   group started; START = its leader's start time (/proc/PID/stat field 22)
 *     -PGID         group stopped
 *     @RUNID        a server start began: its processes carry LOADGATE_RUN_ID=RUNID
 *     !RUNID        that start's processes were all stopped
 *
 * The start time lets the post step tell our group from a later process that got the same pid.
 */
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage } from '../errors.js';

/** Where the action's main step records groups and its post step reads them (same job). */
export function defaultStateFile(env: Record<string, string | undefined>): string {
  return join(env.RUNNER_TEMP || tmpdir(), 'loadgate-pgids');
}

export interface RecordedGroup {
  pgid: number;
  /** The leader's start time when it was recorded; null in a record without one. */
  start: number | null;
}

export interface StateRecord {
  groups: RecordedGroup[];
  /** Run marks whose processes were not all stopped. */
  runs: string[];
}

export function parseStateFile(text: string): StateRecord {
  const live = new Map<number, number | null>();
  const runs = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const run = /^([@!])([\w-]+)$/.exec(line);
    if (run) {
      if (run[1] === '@') runs.add(run[2] as string);
      else runs.delete(run[2] as string);
      continue;
    }
    const m = /^([+-])(\d+)(?: (\d+))?$/.exec(line);
    if (!m) continue;
    const pgid = Number(m[2]);
    if (pgid <= 1) continue;
    if (m[1] === '+') live.set(pgid, m[3] === undefined ? null : Number(m[3]));
    else live.delete(pgid);
  }
  return { groups: [...live].map(([pgid, start]) => ({ pgid, start })), runs: [...runs] };
}

/** Appends one line; a failure to write is reported, never thrown (it is a safety net). */
export function recordLine(file: string, line: string): string | null {
  try {
    appendFileSync(file, `${line}\n`);
    return null;
  } catch (e) {
    return errorMessage(e);
  }
}

/** Appends one group record (`+PGID START` or `-PGID`). */
export function recordGroup(
  file: string,
  op: '+' | '-',
  pgid: number,
  start: number | null = null,
): string | null {
  return recordLine(file, op === '+' && start !== null ? `+${pgid} ${start}` : `${op}${pgid}`);
}
