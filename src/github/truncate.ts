/**
 * Fit Markdown under a size limit without breaking it: whole blocks (paragraphs, tables, code
 * fences) are kept from the top while they fit, open <details> sections are closed, and a note
 * says what happened. A table or code block is never cut in half. The renderer should already
 * size its output; this is the last guard before GitHub rejects or cuts the text.
 */

export interface Truncated {
  text: string;
  truncated: boolean;
}

/** `measure` is the unit GitHub limits: bytes for job summaries, characters for comments. */
export function truncateMarkdown(
  markdown: string,
  limit: number,
  measure: (s: string) => number,
  note: string,
): Truncated {
  if (measure(markdown) <= limit) return { text: markdown, truncated: false };

  const tail = `\n\n${note}\n`;
  let kept = '';
  for (const block of splitBlocks(markdown)) {
    const candidate = kept === '' ? block : `${kept}\n\n${block}`;
    if (measure(finish(candidate, tail)) <= limit) {
      kept = candidate;
      continue;
    }
    if (kept === '' && isPlainBlock(block)) kept = keepLines(block, tail, limit, measure);
    break;
  }
  const text = finish(kept, tail);
  if (measure(text) <= limit) return { text, truncated: true };
  // Not even the note fits: an empty text is the only safe answer.
  return { text: measure(note) <= limit ? note : '', truncated: true };
}

function finish(kept: string, tail: string): string {
  return `${kept}${closers(kept)}${tail}`;
}

/** Blocks separated by blank lines, with fenced code kept whole whatever it contains. */
export function splitBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) fence = marker;
    else if (fence !== null && marker && marker[0] === fence[0] && marker.length >= fence.length)
      fence = null;
    if (fence === null && line.trim() === '' && !marker) {
      if (current.length > 0) blocks.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}

/** `</details>` for every section left open in `text` (outside code fences). */
function closers(text: string): string {
  let open = 0;
  for (const block of splitBlocks(text)) {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(block)) continue;
    open += (block.match(/<details[\s>]/gi) ?? []).length;
    open -= (block.match(/<\/details>/gi) ?? []).length;
  }
  return open > 0 ? '\n\n' + '</details>\n\n'.repeat(open).trimEnd() : '';
}

function isPlainBlock(block: string): boolean {
  const first = block.trimStart();
  return !first.startsWith('|') && !/^(`{3,}|~{3,})/.test(first) && !first.startsWith('<');
}

function keepLines(
  block: string,
  tail: string,
  limit: number,
  measure: (s: string) => number,
): string {
  let kept = '';
  for (const line of block.split('\n')) {
    const candidate = kept === '' ? line : `${kept}\n${line}`;
    if (measure(finish(candidate, tail)) > limit) break;
    kept = candidate;
  }
  return kept;
}
