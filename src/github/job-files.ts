/**
 * The runner's job files: GITHUB_STEP_SUMMARY (Markdown shown on the run page, at most 1 MiB
 * per step) and GITHUB_OUTPUT (step outputs). The paths are passed in, never read from the
 * environment here, so the CLI and tests can point them anywhere.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, stat } from 'node:fs/promises';
import { truncateMarkdown } from './truncate.js';

/** GitHub's cap on one step's job summary. */
export const SUMMARY_MAX_BYTES = 1024 * 1024;

export interface SummaryResult {
  /** Bytes appended (0 when there is no summary file). */
  bytes: number;
  truncated: boolean;
}

/**
 * Append Markdown to the step summary, shortened on block boundaries so that what the step has
 * already written plus this stays within `maxBytes`.
 */
export async function appendJobSummary(
  markdown: string,
  summaryFile: string | undefined,
  maxBytes: number = SUMMARY_MAX_BYTES,
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
  if (text !== '') await appendFile(summaryFile, text, 'utf8');
  return { bytes: Buffer.byteLength(text, 'utf8'), truncated: fitted.truncated };
}

const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Write step outputs in the runner's heredoc form (`name<<DELIM`, value, `DELIM`), which keeps
 * multi-line values intact. Throws on a name GitHub would not accept.
 */
export async function setOutputs(
  outputs: Record<string, string>,
  outputFile: string | undefined,
  newDelimiter: () => string = () => `ghadelimiter_${randomUUID()}`,
): Promise<void> {
  if (!outputFile) return;
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    if (!OUTPUT_NAME.test(name)) {
      throw new Error(
        `invalid output name "${name}" for ${outputFile}: use letters, digits, - and _`,
      );
    }
    let delimiter = newDelimiter();
    for (let i = 0; value.includes(delimiter) || name.includes(delimiter); i++) {
      if (i >= 10)
        throw new Error(`output "${name}": could not find a delimiter absent from its value`);
      delimiter = newDelimiter();
    }
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  if (text !== '') await appendFile(outputFile, text, 'utf8');
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
}
