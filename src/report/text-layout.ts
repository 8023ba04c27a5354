/** Terminal layout: aligned tables, word wrap and optional ANSI colour. */
import { truncate } from './escape.js';
import type { Verdict } from './types.js';

export type Paint = (style: Style, s: string) => string;
export type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan';

const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

export function painter(color: boolean): Paint {
  return color
    ? (style, s) => `\u001b[${CODES[style][0]}m${s}\u001b[${CODES[style][1]}m`
    : (_style, s) => s;
}

export const VERDICT_STYLE: Record<Verdict, Style> = {
  pass: 'green',
  regression: 'red',
  inconclusive: 'yellow',
  'no-baseline': 'cyan',
  error: 'red',
};

/** Display width in columns (code points; the renderer prints no wide characters itself). */
function width(s: string): number {
  return Array.from(s).length;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

export interface Column {
  header: string;
  right?: boolean;
  /** Shrinks (with `…`) when the table is wider than the terminal. */
  flexible?: boolean;
  /** Left out when the table is still too wide after shrinking. */
  optional?: boolean;
  /** Colour for a cell, from its plain text. */
  style?: (cell: string) => Style | null;
}

/** A table with two-space gutters; flexible columns shrink, then optional ones go, to fit. */
export function textTable(
  allCols: Column[],
  allRows: string[][],
  maxWidth: number,
  paint: Paint,
): string[] {
  const natural = allCols.map((c, i) =>
    Math.max(width(c.header), ...allRows.map((r) => width(r[i] ?? ''))),
  );
  let keep = allCols.map(() => true);
  // Narrowest the table can get with the columns in `k`: flexible columns at 8.
  const tightest = (k: boolean[]) =>
    allCols.reduce((sum, c, i) => {
      if (!k[i]) return sum;
      const w = natural[i] ?? 0;
      return sum + (c.flexible === true ? Math.min(8, w) : w) + 2;
    }, -2);
  for (let i = allCols.length - 1; i >= 0 && tightest(keep) > maxWidth; i--) {
    if (allCols[i]?.optional === true) keep = keep.map((k, j) => k && j !== i);
  }
  const cols = allCols.filter((_, i) => keep[i]);
  const rows = allRows.map((r) => r.filter((_, i) => keep[i]));
  const widths = cols.map((c, i) =>
    Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))),
  );
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (cols.length - 1);
  for (let i = 0; i < cols.length && total() > maxWidth; i++) {
    if (cols[i]?.flexible !== true) continue;
    const w = widths[i] ?? 0;
    widths[i] = Math.max(8, w - (total() - maxWidth));
  }
  const line = (cells: string[], header: boolean) =>
    cols
      .map((c, i) => {
        const raw = truncate(cells[i] ?? '', widths[i] ?? 0);
        const padded = pad(raw, widths[i] ?? 0, c.right === true);
        if (header) return paint('dim', padded);
        const style = c.style?.(raw) ?? null;
        return style === null ? padded : paint(style, padded);
      })
      .join('  ')
      .trimEnd();
  return [
    line(
      cols.map((c) => c.header),
      true,
    ),
    ...rows.map((r) => line(r, false)),
  ];
}

/** Greedy word wrap; words longer than a line are cut. */
export function wrap(text: string, maxWidth: number, indent = ''): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = truncate(word, maxWidth - indent.length);
    if (cur !== '' && width(cur) + 1 + width(w) > maxWidth - indent.length) {
      lines.push(indent + cur);
      cur = w;
    } else {
      cur = cur === '' ? w : `${cur} ${w}`;
    }
  }
  if (cur !== '') lines.push(indent + cur);
  return lines;
}
