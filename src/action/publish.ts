/**
 * Posts the sticky PR comment when the event is about a pull request. Never throws: a
 * read-only token (fork PRs) or GitHub trouble becomes a warning; the summary and outputs are
 * written either way.
 */
import type { Logger } from '../log.js';
import type { Report, Verdict } from '../report/types.js';
import type { EventFacts } from './event.js';
import { createOctokit, pullRequestContext, upsertStickyComment } from '../github/index.js';
import { parseMarker, renderMarkdown } from '../report/index.js';

export interface PublishInput {
  token: string;
  apiUrl: string | null;
  /** Input `pr-number` (checked by readInputs): GitHub omits the PR number for forks' workflow_run. */
  prNumber: number | null;
  env: Record<string, string | undefined>;
  facts: EventFacts;
  report: Report;
  /** The comment body given the previous comment's verdict (default: renderMarkdown(report)). */
  render?: (previousVerdict: Verdict | null) => string;
  markdown: string;
  marker: string;
  mode: 'always' | 'on-regression' | 'never';
  log: Logger;
  /** The whole comment step may take this long (default 2 minutes), then it gives up with a warning. */
  budgetMs?: number;
  /** Each GitHub request's timeout (default 20 s). */
  requestTimeoutMs?: number;
}

export const PUBLISH_BUDGET_MS = 120_000;

/** The comment's URL, or null when no comment was written. */
export async function publishToPullRequest(p: PublishInput): Promise<string | null> {
  if (p.mode === 'never') return null;
  const issueNumber = p.prNumber;
  const ctx = pullRequestContext(
    p.facts.eventName,
    p.facts.payload,
    p.env.GITHUB_REPOSITORY ?? '',
    p.env,
    {
      issueNumber,
      sha: p.report.commit,
    },
  );
  if (!ctx) {
    p.log.info(
      `no pull request in this ${p.facts.eventName || 'unknown'} event: no comment written`,
    );
    return null;
  }
  if (p.token === '') {
    p.log.warn(
      'input "github-token" is empty: no comment written (the job summary has the report)',
    );
    return null;
  }
  const octokit = createOctokit(p.token, {
    baseUrl: p.apiUrl ?? undefined,
    log: p.log,
    signal: AbortSignal.timeout(p.budgetMs ?? PUBLISH_BUDGET_MS),
    ...(p.requestTimeoutMs ? { requestTimeoutMs: p.requestTimeoutMs } : {}),
  });
  const result = await upsertStickyComment(
    octokit,
    ctx,
    {
      marker: p.marker,
      body: p.markdown,
      // A comment that showed a regression is told when this run no longer has one.
      rebody: (previous) => {
        const previousVerdict = previous === null ? null : (parseMarker(previous)?.verdict ?? null);
        return p.render
          ? p.render(previousVerdict)
          : renderMarkdown(p.report, { marker: p.marker, runUrl: p.facts.runUrl, previousVerdict });
      },
      mode: p.mode,
      isRegression: p.report.verdict === 'regression',
      runId: ctx.runId,
      sha: ctx.sha,
    },
    p.log,
  );
  if (result.action === 'created' || result.action === 'updated') {
    p.log.info(`PR comment ${result.action}: ${result.url ?? ''}`);
  }
  return result.url;
}
