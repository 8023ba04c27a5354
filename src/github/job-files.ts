/**
 * The runner's job summary, GITHUB_STEP_SUMMARY: Markdown shown on the run page, at most 1 MiB
 * per step. The path is passed in, never read from the environment here, so the CLI and tests
 * can point it anywhere; the action appends through `core.summary` (pass `append`). Step
 * outputs go through `core.setOutput`.
 */
import { appendFile, stat } from 'node:fs/promises';
import { truncateMarkdown } from './truncate.js';
import { errnoCode } from '../util/guards.js';

/** GitHub's cap on one step's job summary. */
export const SUMMARY_MAX_BYTES = 1024 * 1024;

export interface SummaryResult {
  /** Bytes appended (0 when there is no summary file). */
  bytes: number;
  truncated: boolean;
}

/** Appends text to the summary file (the action's: `core.summary.addRaw(text).write()`). */
export type SummaryAppend = (text: string, summaryFile: string) => Promise<void>;

const appendToFile: SummaryAppend = (text, file) => appendFile(file, text, 'utf8');

/**
 * Append Markdown to the step summary, shortened on block boundaries so that what the step has
 * already written plus this stays within `maxBytes`.
 */
export async function appendJobSummary(
  markdown: string,
  summaryFile: string | undefined,
  maxBytes: number = SUMMARY_MAX_BYTES,
  append: SummaryAppend = appendToFile,
): Promise<SummaryResult> {
  if (!summaryFile) return { bytes: 0, truncated: false };
  const used = await fileSize(summaryFile);
  const note =
    "> **Note:** this summary was shortened to fit GitHub's 1 MiB job summary limit; the JSON report has everything.";
  const fitted = truncateMarkdown(
    markdown.replace(/\s+$/, ''),
    Math.max(0, maxBytes - used - 1),
    (s) => Buffer.byteLength(s, 'utf8'),
    note,
  );
  const text = fitted.text === '' ? '' : `${fitted.text}\n`;
  if (text !== '') await append(text, summaryFile);
  return { bytes: Buffer.byteLength(text, 'utf8'), truncated: fitted.truncated };
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return 0;
    throw e;
  }
}
