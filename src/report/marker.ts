/**
 * Hidden markers that make a PR comment sticky. The identity line names the series and job
 * (what a lookup searches for); the run record says which run wrote the comment, so an older
 * run (a late re-run, a slow job) never overwrites a newer run's result; the verdict line lets
 * the next run say "regression fixed".
 *
 *   <!-- loadgate:items-api:bench -->
 *   <!-- loadgate-run: {"runId":9876543210,"sha":"0a1b2c3…","attempt":1} -->
 *   <!-- loadgate-verdict: pass -->
 *
 * The run record's format is shared with src/github/run-metadata.ts (JSON, `runId` + `sha`).
 */
import type { Verdict } from './types.js';
import { isRecord } from '../util/guards.js';

export interface RunMeta {
  /** GitHub Actions run id (`GITHUB_RUN_ID`): grows with every new run in a repository. */
  runId: number | null;
  runAttempt: number | null;
  /** Commit the run measured. */
  sha: string | null;
  /** The verdict shown in the comment. */
  verdict: Verdict | null;
}

export interface ParsedMarker extends RunMeta {
  name: string;
  job: string | null;
}

const VERDICTS: readonly Verdict[] = ['pass', 'regression', 'inconclusive', 'no-baseline'];

// encodeURIComponent escapes `:`, `>`, spaces and controls, so no value can end the comment.
const enc = (s: string) => encodeURIComponent(s);

function dec(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The hidden line that records a comment's verdict (renderMarkdown always writes it). */
export function verdictMarker(verdict: Verdict): string {
  return `<!-- loadgate-verdict: ${verdict} -->`;
}

/**
 * The marker for one series (config `name`) and, optionally, one job. Without `meta`: the
 * identity line alone, the exact string to search comment bodies for. With `meta`: that line
 * plus the run record, to put at the top of a comment.
 */
export function commentMarker(name: string, job?: string, meta?: Partial<RunMeta>): string {
  const identity = `<!-- loadgate:${enc(name)}${job ? `:${enc(job)}` : ''} -->`;
  if (meta === undefined) return identity;
  const record: Record<string, string | number> = {};
  if (meta.runId != null) record['runId'] = meta.runId;
  if (meta.sha != null) record['sha'] = meta.sha;
  if (meta.runAttempt != null) record['attempt'] = meta.runAttempt;
  // JSON of numbers and hex cannot contain `-->` or `<`; the replaces guard odd values anyway.
  const json = JSON.stringify(record).replace(/--/g, '-\\u002d').replace(/[<>]/g, '');
  return `${identity}\n<!-- loadgate-run: ${json} -->`;
}

const IDENTITY = /<!-- loadgate:([^\s:>]+)(?::([^\s:>]+))? -->/;
const RUN = /<!--\s*loadgate-run:\s*(\{[^<>]*?\})\s*-->/;
const VERDICT = /<!-- loadgate-verdict: ([a-z-]+) -->/;

function readRun(body: string): Pick<RunMeta, 'runId' | 'runAttempt' | 'sha'> {
  const none = { runId: null, runAttempt: null, sha: null };
  const json = RUN.exec(body)?.[1];
  if (json === undefined) return none;
  try {
    const v: unknown = JSON.parse(json);
    if (!isRecord(v)) return none;
    const int = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) ? x : null);
    return {
      runId: int(v['runId']),
      runAttempt: int(v['attempt']),
      sha: typeof v['sha'] === 'string' ? v['sha'] : null,
    };
  } catch {
    return none;
  }
}

/** Read the markers of a comment body; null when the body carries no loadgate identity marker. */
export function parseMarker(body: string): ParsedMarker | null {
  const id = IDENTITY.exec(body);
  if (id?.[1] === undefined) return null;
  const name = dec(id[1]);
  const job = id[2] === undefined ? null : dec(id[2]);
  if (name === null || (id[2] !== undefined && job === null)) return null;
  const verdict = VERDICT.exec(body)?.[1];
  return {
    name,
    job,
    ...readRun(body),
    verdict: VERDICTS.find((v) => v === verdict) ?? null,
  };
}

/**
 * Whether a run may replace the comment that `existing` wrote: yes unless `existing` is known to
 * be newer (a higher run id, or a later attempt of the same run). Unknown ids never block.
 */
export function supersedes(incoming: Partial<RunMeta>, existing: Partial<RunMeta>): boolean {
  const a = incoming.runId;
  const b = existing.runId;
  if (a == null || b == null) return true;
  if (a !== b) return a > b;
  return (incoming.runAttempt ?? 1) >= (existing.runAttempt ?? 1);
}
