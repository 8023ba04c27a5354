/**
 * Which pull request a workflow run is about, read from the event payload (GITHUB_EVENT_PATH's
 * JSON) and the runner's environment. Pure: the caller reads the file and passes the data.
 */
import { readPath } from '../util/guards.js';

export interface PullRequestContext {
  owner: string;
  repo: string;
  issueNumber: number;
  /** Orders runs: a comment written by a higher run id is never overwritten by a lower one. */
  runId: number | null;
  /** The PR head commit that was measured. */
  sha: string | null;
  /** The head branch lives in another repository: the token is read-only. */
  isFork: boolean;
}

/** Values a `workflow_run` workflow (mode: report) knows from the uploaded JSON report. */
export interface PullRequestOverrides {
  issueNumber?: number | null;
  runId?: number | null;
  sha?: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The PR this run comments on, or null when the event is not about a pull request (push,
 * schedule, workflow_dispatch) or a `workflow_run` names no PR. GitHub leaves
 * `workflow_run.pull_requests` empty for PRs from forks: pass the number through `overrides`
 * (the untrusted run records it in its report).
 */
export function pullRequestContext(
  eventName: string,
  payload: unknown,
  repository: string,
  env: Env,
  overrides: PullRequestOverrides = {},
): PullRequestContext | null {
  const [owner, repo] = splitRepository(repository);
  if (!owner || !repo) return null;
  const envRunId = positiveInt(env['GITHUB_RUN_ID']);

  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = field(payload, 'pull_request');
    const issueNumber = overrides.issueNumber ?? positiveInt(field(pr, 'number'));
    if (issueNumber === null) return null;
    const head = field(pr, 'head');
    return {
      owner,
      repo,
      issueNumber,
      runId: overrides.runId ?? envRunId,
      sha: overrides.sha ?? stringOrNull(field(head, 'sha')) ?? stringOrNull(env['GITHUB_SHA']),
      isFork: isForeign(field(head, 'repo'), repository),
    };
  }

  if (eventName === 'workflow_run') {
    const run = field(payload, 'workflow_run');
    const prs = field(run, 'pull_requests');
    const first: unknown = Array.isArray(prs) ? prs[0] : undefined;
    const issueNumber = overrides.issueNumber ?? positiveInt(field(first, 'number'));
    if (issueNumber === null) return null;
    return {
      owner,
      repo,
      issueNumber,
      // The measured run, not this posting run: reruns of an older measurement stay older.
      runId: overrides.runId ?? positiveInt(field(run, 'id')) ?? envRunId,
      sha: overrides.sha ?? stringOrNull(field(run, 'head_sha')),
      isFork: isForeign(field(run, 'head_repository'), repository),
    };
  }

  return null;
}

function splitRepository(repository: string): [string | undefined, string | undefined] {
  const parts = repository.trim().split('/');
  if (parts.length !== 2) return [undefined, undefined];
  return [parts[0] || undefined, parts[1] || undefined];
}

/** A head repository other than the base one; a deleted fork (null) counts as foreign. */
function isForeign(headRepo: unknown, repository: string): boolean {
  if (headRepo === undefined) return false;
  const fullName = stringOrNull(field(headRepo, 'full_name'));
  if (fullName === null) return true;
  return fullName.toLowerCase() !== repository.toLowerCase();
}

function field(value: unknown, key: string): unknown {
  return readPath(value, [key]);
}

function positiveInt(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
