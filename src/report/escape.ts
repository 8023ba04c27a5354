/**
 * Making text that users or servers provide (endpoint names, error messages, commands, log
 * lines) safe to show: it must never inject HTML, break a Markdown table, ping people with
 * `@name`, or move a terminal's cursor.
 */

/** C0/C1 controls, DEL, and bidi overrides ("Trojan Source") that could disguise text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Replace control characters (newlines included) with spaces: one line of plain text. */
export function plainLine(s: string): string {
  return s.replace(CONTROLS, ' ');
}

/** Shorten to at most `max` characters (code points), marking the cut with `…`. */
export function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

const MARKDOWN_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  // A zero-width space after @ stops GitHub from turning `@team` into a mention.
  '@': '@&#8203;',
};

// Everything CommonMark/GFM gives a meaning inline, plus `$` (GitHub math).
// `-`, `+` and `.` only matter at the start of a line (lists, breaks): see LINE_START.
const MARKDOWN_SPECIAL = /[&<>@\\`*_{}[\]()#!|~$]/g;
const LINE_START = /^(\d+(?=\.(?:\s|$))|(?=[-+=]))/;

/**
 * Escape text for Markdown and HTML, for use inline (a table cell, a list item, a heading,
 * `<summary>`). Newlines and other controls become spaces so the text stays on its line.
 */
export function escapeMarkdown(s: string): string {
  // One pass, so nothing is escaped twice (the `&` of `&lt;` stays as it is).
  return plainLine(s)
    .trimStart() // leading spaces could make an indented code block or a list
    .replace(MARKDOWN_SPECIAL, (c) => MARKDOWN_ESCAPES[c] ?? `\\${c}`)
    .replace(LINE_START, '$1\\');
}

/**
 * An inline code span holding `s` verbatim (renderers escape HTML inside code spans). In a table
 * cell `|` must still be escaped, which GFM undoes inside code spans.
 */
export function inlineCode(s: string, opts: { inTable?: boolean } = {}): string {
  let text = plainLine(s);
  if (text.trim() === '') return '""';
  if (opts.inTable === true) text = text.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A fenced code block holding `lines` verbatim; the fence is longer than any backtick run
 * inside, so the content can never close it.
 */
export function codeBlock(lines: readonly string[], lang = ''): string {
  const body = lines.map((l) => l.replace(CONTROLS, (c) => (c === '\t' ? '  ' : ' ')));
  const longestRun = Math.max(0, ...body.flatMap((l) => l.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [`${fence}${lang}`, ...body, fence].join('\n');
}

/** Text for a terminal: controls removed so server output cannot inject escape sequences. */
export function terminalSafe(s: string): string {
  return plainLine(s);
}
