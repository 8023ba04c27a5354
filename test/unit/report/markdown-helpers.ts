/** Reading rendered Markdown back with `marked` (GFM), as GitHub would, for assertions. */
import { marked, type Token, type Tokens } from 'marked';

/** Every table in the document, with each cell as the plain text a reader sees. */
export function tables(md: string): { header: string[]; rows: string[][] }[] {
  const out: { header: string[]; rows: string[][] }[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'table') {
        const table = t as Tokens.Table;
        out.push({
          header: table.header.map((c) => visibleText(marked.parseInline(c.text) as string)),
          rows: table.rows.map((r) =>
            r.map((c) => visibleText(marked.parseInline(c.text) as string)),
          ),
        });
      }
      const children = (t as { tokens?: Token[] }).tokens;
      if (children) walk(children);
    }
  };
  walk(marked.lexer(md));
  return out;
}

/** The text of an HTML fragment: tags removed, entities decoded, zero-width spaces dropped. */
export function visibleText(html: string): string {
  return html
    .replace(/<br>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '')
    .replace(/\u00a0/g, ' ');
}

/** Table lines of the raw Markdown whose cell count differs from their table's header. */
export function brokenTableLines(md: string): string[] {
  const broken: string[] = [];
  let expected: number | null = null;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      expected = null;
      continue;
    }
    // Cells are separated by pipes that are not escaped.
    const cells = line.split(/(?<!\\)\|/).length - 2;
    if (expected === null) expected = cells;
    else if (cells !== expected || !line.trimEnd().endsWith('|')) broken.push(line);
  }
  return broken;
}

/** Rendered HTML (GFM). */
export function html(md: string): string {
  return marked.parse(md, { async: false });
}
