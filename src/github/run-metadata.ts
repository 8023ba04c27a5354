/**
 * The hidden run record inside a sticky comment: which workflow run and commit wrote it, so an
 * older run (a slow rerun, a late workflow_run) never overwrites a newer run's result.
 */
import { isRecord } from '../util/guards.js';

export interface RunMetadata {
  runId: number | null;
  sha: string | null;
}

const PATTERN = /<!--\s*loadgate-run:\s*(\{[^<>]*?\})\s*-->/;
const PATTERN_GLOBAL = new RegExp(PATTERN.source, 'g');

/** `<!-- loadgate-run: {"runId":123,"sha":"abc"} -->` */
export function formatRunMetadata(meta: RunMetadata): string {
  // JSON of a number and a hex SHA holds no "<", ">" or "--"; escaping guards odd values anyway.
  const json = JSON.stringify({ runId: meta.runId, sha: meta.sha })
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/--/g, '-\\u002d');
  return `<!-- loadgate-run: ${json} -->`;
}

/** The run record in a comment body, or null when there is none or it is unreadable. */
export function parseRunMetadata(body: string): RunMetadata | null {
  const match = PATTERN.exec(body);
  if (!match?.[1]) return null;
  try {
    const value: unknown = JSON.parse(match[1]);
    if (!isRecord(value)) return null;
    const runId = value['runId'];
    const sha = value['sha'];
    return {
      runId: typeof runId === 'number' && Number.isSafeInteger(runId) ? runId : null,
      sha: typeof sha === 'string' ? sha : null,
    };
  } catch {
    return null;
  }
}

/** The body with exactly one run record: an existing record is replaced, else one appended. */
export function withRunMetadata(body: string, meta: RunMetadata): string {
  return `${stripRunMetadata(body)}\n\n${formatRunMetadata(meta)}\n`;
}

/** The body without run records (and without trailing blank space). */
export function stripRunMetadata(body: string): string {
  return body.replace(PATTERN_GLOBAL, '').replace(/\s+$/, '');
}

/**
 * True when the run that wrote `existing` is newer than `incoming`: higher run ids are newer.
 * Unknown ids on either side cannot be ordered, so they never block an update.
 */
export function isNewerRun(existing: RunMetadata | null, incoming: RunMetadata): boolean {
  if (existing?.runId == null || incoming.runId == null) return false;
  return existing.runId > incoming.runId;
}
