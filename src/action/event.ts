/** What the workflow event tells the action: is this a push to the default branch, which commit. */
import { readPath } from '../util/guards.js';

export interface EventFacts {
  eventName: string;
  payload: Record<string, unknown>;
  isDefaultBranchPush: boolean;
  commit: string | null;
  /** A pull request's base commit (for `compare: base`). */
  baseSha: string | null;
  runUrl: string | null;
  runId: number | null;
}

function field(obj: unknown, ...path: string[]): unknown {
  return readPath(obj, path);
}

export function eventFacts(
  env: Record<string, string | undefined>,
  payload: Record<string, unknown>,
): EventFacts {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const defaultBranch = field(payload, 'repository', 'default_branch');
  const isDefaultBranchPush =
    eventName === 'push' &&
    typeof defaultBranch === 'string' &&
    env.GITHUB_REF === `refs/heads/${defaultBranch}`;
  const prHead = field(payload, 'pull_request', 'head', 'sha');
  const commit = typeof prHead === 'string' ? prHead : (env.GITHUB_SHA ?? null);
  const prBase = field(payload, 'pull_request', 'base', 'sha');
  const baseSha = typeof prBase === 'string' ? prBase : null;
  const runId = env.GITHUB_RUN_ID ? Number(env.GITHUB_RUN_ID) : null;
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : null;
  return {
    eventName,
    payload,
    isDefaultBranchPush,
    commit,
    baseSha,
    runUrl,
    runId: Number.isFinite(runId) ? runId : null,
  };
}
