/**
 * Turning GitHub API failures into messages a user can act on. The token never appears: only
 * the status, GitHub's own message, and the method and path of the call.
 */
import { readPath } from '../util/guards.js';

export interface ApiFailure {
  status: number | null;
  /** GitHub's message ("Resource not accessible by integration"), or the network error's. */
  message: string;
  /** The token lacks a permission (403 / 404 on a write, or GitHub says so). */
  permission: boolean;
}

export function classifyApiError(error: unknown): ApiFailure {
  const rawStatus = readPath(error, ['status']);
  const status = typeof rawStatus === 'number' ? rawStatus : null;
  const dataMessage = readPath(error, ['response', 'data', 'message']);
  const ownMessage = error instanceof Error ? error.message : readPath(error, ['message']);
  const message = redact(
    typeof dataMessage === 'string'
      ? dataMessage
      : typeof ownMessage === 'string'
        ? ownMessage
        : String(error),
  );
  const notAccessible = /not accessible by (integration|personal access token)/i.test(message);
  const rateLimited = /rate limit/i.test(message);
  const permission = notAccessible || ((status === 403 || status === 404) && !rateLimited);
  return { status, message, permission };
}

/** What to tell the user when the comment could not be written for lack of permission. */
export function permissionAdvice(failure: ApiFailure, isFork: boolean): string {
  const answer = `GitHub answered ${failure.status ?? 'an error'}${failure.message ? ` "${failure.message}"` : ''}`;
  const lines = [
    `loadgate could not write the pull request comment: ${answer}.`,
    'The token needs the `pull-requests: write` permission: add `permissions: { pull-requests: write }` to the job.',
  ];
  lines.push(
    isFork
      ? 'This pull request comes from a fork, and GitHub gives fork runs a read-only token whatever the workflow asks.'
      : 'If this run comes from a fork, GitHub gives it a read-only token whatever the workflow asks.',
  );
  lines.push(
    'For forks use the two-workflow pattern: upload the JSON report as an artifact from the pull_request run, ' +
      'and post it from a `workflow_run` workflow with `mode: report` (see README, "Pull requests from forks"). ' +
      "Do not use `pull_request_target` to run the PR's code. The job summary and outputs were written.",
  );
  return lines.join(' ');
}

/** Defensive: strip anything shaped like a token that an error might echo. */
export function redact(text: string): string {
  return text
    .replace(/\b(gh[pousr]_[A-Za-z0-9_]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '***')
    .replace(/\b(token|bearer)\s+[A-Za-z0-9_.-]{8,}/gi, '$1 ***');
}
