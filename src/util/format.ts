/**
 * Numbers, percentages, durations and counted nouns, as every output writes them: the terminal
 * report, Markdown (PR comment, job summary, sweep), the verdict sentences, log and progress
 * lines. One leaf, pure. Locale-independent on purpose: a report must read the same on every
 * runner (en-US grouping, `.` decimals).
 */

/** What a table shows for a figure it does not have. */
export const MISSING = '—';

const groupedFormats = new Map<number, Intl.NumberFormat>();

/** `12,345`; with `maxFractionDigits`, `12,345.6` (trailing zeros dropped). */
export function formatGrouped(n: number, maxFractionDigits = 0): string {
  let f = groupedFormats.get(maxFractionDigits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: maxFractionDigits });
    groupedFormats.set(maxFractionDigits, f);
  }
  return f.format(n);
}

/** A count (requests, errors, connections): `12,345`. */
export function formatCount(n: number): string {
  return formatGrouped(n);
}

/**
 * A plain number for machine-read text (Mermaid charts): `digits` decimals at most, trailing
 * zeros dropped, no grouping; `0` for anything not finite.
 */
export function plainNumber(n: number, digits: number): string {
  return Number.isFinite(n) ? String(Number(n.toFixed(digits))) : '0';
}

/** Requests per second: `12,345` from 100 up, `45.3` below, `4.27` below 10. */
export function formatRps(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  if (Math.abs(n) >= 100) return formatGrouped(n);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** Milliseconds with precision that suits the size: `0.42 ms`, `4.23 ms`, `42.3 ms`, `423 ms`, `12.3 s`. */
export function formatMs(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  const a = Math.abs(n);
  if (a >= 10_000) return `${(n / 1000).toFixed(1)} s`;
  if (a >= 100) return `${formatGrouped(n)} ms`;
  if (a >= 10) return `${n.toFixed(1)} ms`;
  return `${n.toFixed(2)} ms`;
}

/** Seconds: `2.0 s`, `123 s` from 100 up. */
export function formatSeconds(s: number): string {
  return s >= 100 ? `${formatGrouped(s)} s` : `${s.toFixed(1)} s`;
}

/** A fraction as a percentage with fixed decimals: `formatPercent(0.01234, 2)` -> `1.23%`. */
export function formatPercent(fraction: number, digits: number): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A fraction (an error rate) as a percentage: `0%`, `<0.01%`, `0.12%`, `12.50%`. */
export function formatRate(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  if (n === 0) return '0%';
  if (n > 0 && n < 0.0001) return '<0.01%';
  return formatPercent(n, 2);
}

/** Share of one core: `95%`, `180%` (a process using almost two cores). */
export function formatCpu(share: number): string {
  return `${formatGrouped(share * 100)}%`;
}

/**
 * A fraction in prose (verdict sentences, advice, warnings): `12.3%`, and two decimals below
 * 0.1% (`0.05%`) so that a small figure does not read as zero. `signed` adds `+` to
 * non-negative values; a value that rounds to zero is never shown as `-0.0%`.
 */
export function percent(fraction: number, signed = false): string {
  const s = formatPercent(fraction, Math.abs(fraction) < 0.001 && fraction !== 0 ? 2 : 1);
  if (/^-0\.0+%$/.test(s)) return signed ? `+${s.slice(1)}` : s.slice(1);
  return signed && fraction >= 0 ? `+${s}` : s;
}

/** A relative change in a table: `+3.2%`, `-7.0%`, `+0.0%`; from 10x up without decimals. */
export function formatChange(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  const pct = n * 100;
  const body = Math.abs(pct) >= 1000 ? formatGrouped(Math.abs(pct)) : Math.abs(pct).toFixed(1);
  // -0.04% rounds to "0.0": show it as +0.0% rather than a confusing "-0.0%".
  const sign = pct < 0 && body !== '0.0' ? '-' : '+';
  return `${sign}${body}%`;
}

/** A 95% interval of a relative change: `-2.1% … +4.5%`. */
export function formatInterval(iv: readonly [number, number] | null): string {
  if (iv === null) return MISSING;
  return `${formatChange(iv[0])} … ${formatChange(iv[1])}`;
}

/** `value` against `reference` in whole percent: `+12%`, `-3%`; `n/a` without a reference. */
export function formatRatioChange(value: number, reference: number): string {
  if (!(reference > 0)) return 'n/a';
  const pct = Math.round((value / reference - 1) * 100);
  return `${pct >= 0 ? '+' : ''}${pct}%`;
}

/** Difference of two fractions in percentage points: `+0.10 pp`. */
export function formatPointChange(current: number, baseline: number | null): string {
  if (baseline === null || !Number.isFinite(current) || !Number.isFinite(baseline)) return MISSING;
  const pp = (current - baseline) * 100;
  const sign = pp < 0 ? '-' : '+';
  if (pp !== 0 && Math.abs(pp) < 0.005) return `${sign}<0.01 pp`;
  return `${sign}${Math.abs(pp).toFixed(2)} pp`;
}

/** Bytes in binary units: `512 B`, `1.5 KiB`, `58.0 MiB`, `120 MiB`. */
export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}

/** The noun alone for `n`: `plural(1, 'entry', 'entries')` -> `entry`. Default plural adds `s`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** The count and the noun: `count(1, 'round')` -> `1 round`, `count(2, 'copy', 'copies')`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${plural(n, one, many)}`;
}

/**
 * `label: text`, unless the text already starts with the label (`regression: Regression: ...`
 * becomes `Regression: ...`).
 */
export function labelled(label: string, text: string): string {
  return text.toLowerCase().startsWith(`${label.toLowerCase()}:`) ? text : `${label}: ${text}`;
}
