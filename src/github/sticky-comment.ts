/**
 * One sticky comment per series and job: found by its hidden marker through every page of the
 * PR's comments, updated in place, created only when there is none. Never throws: a failure
 * (a fork's read-only token, GitHub down after retries) comes back as `failed` with a reason.
 */
import type { Logger } from '../log.js';
import type { PullRequestContext } from './context.js';
import type { Octokit } from './octokit.js';
import { classifyApiError, permissionAdvice } from './api-errors.js';
import {
  isNewerRun,
  parseRunMetadata,
  stripRunMetadata,
  withRunMetadata,
  type RunMetadata,
} from './run-metadata.js';
import { truncateMarkdown } from './truncate.js';

export type CommentMode = 'always' | 'on-regression' | 'never';

export interface StickyCommentInput {
  /** Hidden HTML comment unique per series and job, e.g. `<!-- loadgate: items-api -->`. */
  marker: string;
  /** The rendered comment; it already contains the marker. */
  body: string;
  /**
   * Renders the body again once the existing comment is known (for example to say that the
   * regression it showed is fixed). Its result must contain the marker too.
   */
  rebody?: (previousBody: string | null) => string;
  mode: CommentMode;
  isRegression: boolean;
  runId: number | null;
  sha: string | null;
}

export interface StickyCommentResult {
  action: 'created' | 'updated' | 'skipped' | 'failed';
  url: string | null;
  reason?: string;
}

/** GitHub rejects comment bodies over 65,536 characters. */
export const COMMENT_MAX_CHARS = 65536;

interface ExistingComment {
  id: number;
  body: string;
  url: string | null;
  meta: RunMetadata | null;
}

// Clients that already warned about a missing permission: the advice is given once per run.
const warnedClients = new WeakSet<object>();

export async function upsertStickyComment(
  octokit: Octokit,
  ctx: PullRequestContext,
  input: StickyCommentInput,
  log: Logger,
): Promise<StickyCommentResult> {
  if (input.mode === 'never') return skipped(log, 'comment: never');
  if (input.marker.trim() === '' || !input.body.includes(input.marker)) {
    return fail(
      log,
      'the comment body does not contain its marker: refusing to post an unfindable comment',
    );
  }
  const target = `${ctx.owner}/${ctx.repo}#${ctx.issueNumber}`;
  const meta: RunMetadata = { runId: input.runId, sha: input.sha };
  let step = 'list comments on';
  try {
    const existing = await findComment(octokit, ctx, input.marker, log);
    const rendered = input.rebody ? input.rebody(existing?.body ?? null) : input.body;
    if (!rendered.includes(input.marker)) {
      return fail(log, 'the re-rendered comment body lost its marker: refusing to post it');
    }
    const body = commentBody({ ...input, body: rendered }, meta, log);
    if (existing === null) {
      if (input.mode === 'on-regression' && !input.isRegression) {
        return skipped(
          log,
          `comment: on-regression, no regression and no earlier comment on ${target}`,
        );
      }
      step = 'create a comment on';
      const { data } = await octokit.rest.issues.createComment({
        owner: ctx.owner,
        repo: ctx.repo,
        issue_number: ctx.issueNumber,
        body,
      });
      log.info(`PR comment created: ${data.html_url}`);
      return { action: 'created', url: data.html_url };
    }
    if (isNewerRun(existing.meta, meta)) {
      return skipped(
        log,
        `the comment on ${target} comes from a newer run (${existing.meta?.runId}) than this one (${meta.runId}): left as it is`,
        existing.url,
      );
    }
    // on-regression updates an existing comment either way, so a fixed regression says so.
    step = 'update the comment on';
    const { data } = await octokit.rest.issues.updateComment({
      owner: ctx.owner,
      repo: ctx.repo,
      comment_id: existing.id,
      body,
    });
    log.info(`PR comment updated: ${data.html_url}`);
    return { action: 'updated', url: data.html_url };
  } catch (error) {
    const failure = classifyApiError(error);
    if (failure.status === 404 && step === 'list comments on') {
      // Reading comments needs no write permission: a 404 here means no such pull request.
      return fail(
        log,
        `${target} was not found (GitHub answered 404 to listing its comments): check the pull request number (input "pr-number"), and that the token can read this repository`,
      );
    }
    if (failure.permission) {
      const advice = permissionAdvice(failure, ctx.isFork);
      if (!warnedClients.has(octokit)) {
        warnedClients.add(octokit);
        log.warn(advice);
      }
      return { action: 'failed', url: null, reason: advice };
    }
    return fail(
      log,
      `could not ${step} ${target}: ${failure.status ? `GitHub answered ${failure.status}: ` : ''}${failure.message}`,
    );
  }
}

/** The marked comment, searched through every page (the last match wins if there are several). */
async function findComment(
  octokit: Octokit,
  ctx: PullRequestContext,
  marker: string,
  log: Logger,
): Promise<ExistingComment | null> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: ctx.issueNumber,
    per_page: 100,
  });
  const matches = comments.filter((c) => typeof c.body === 'string' && c.body.includes(marker));
  if (matches.length > 1) {
    log.info(`${matches.length} comments carry the marker ${marker}: updating the newest`);
  }
  const last = matches.at(-1);
  if (!last) return null;
  const body = last.body ?? '';
  return { id: last.id, body, url: last.html_url ?? null, meta: parseRunMetadata(body) };
}

/** The body with its run record, shortened if needed; the marker and record always survive. */
function commentBody(input: StickyCommentInput, meta: RunMetadata, log: Logger): string {
  const full = withRunMetadata(input.body, meta);
  if (full.length <= COMMENT_MAX_CHARS) return full;
  const reserve = full.length - stripRunMetadata(input.body).length + input.marker.length + 1;
  const note =
    "> **Note:** this comment was shortened to fit GitHub's 65,536-character limit; the job summary and the JSON report have everything.";
  const fitted = truncateMarkdown(
    stripRunMetadata(input.body),
    COMMENT_MAX_CHARS - reserve,
    (s) => s.length,
    note,
  );
  log.warn(`the PR comment was ${input.body.length} characters: shortened to fit GitHub's limit`);
  const text = fitted.text.includes(input.marker) ? fitted.text : `${input.marker}\n${fitted.text}`;
  return withRunMetadata(text, meta);
}

function skipped(log: Logger, reason: string, url: string | null = null): StickyCommentResult {
  log.info(`PR comment skipped: ${reason}`);
  return { action: 'skipped', url, reason };
}

function fail(log: Logger, reason: string): StickyCommentResult {
  log.warn(`PR comment not written: ${reason}`);
  return { action: 'failed', url: null, reason };
}
