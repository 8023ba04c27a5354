/** The github room: side effects at the GitHub edge. The action front door calls these. */
export {
  pullRequestContext,
  type PullRequestContext,
  type PullRequestOverrides,
} from './context.js';
export { createOctokit, type Octokit, type OctokitOptions } from './octokit.js';
export {
  upsertStickyComment,
  COMMENT_MAX_CHARS,
  type CommentMode,
  type StickyCommentInput,
  type StickyCommentResult,
} from './sticky-comment.js';
export {
  appendJobSummary,
  SUMMARY_MAX_BYTES,
  type SummaryAppend,
  type SummaryResult,
} from './job-files.js';
export { formatRunMetadata, parseRunMetadata, type RunMetadata } from './run-metadata.js';
export { classifyApiError, permissionAdvice, type ApiFailure } from './api-errors.js';
export { truncateMarkdown } from './truncate.js';
