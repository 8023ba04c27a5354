/**
 * Things in a valid loadgate.yml that are probably not what the author meant, said as warnings
 * (the config stays valid: a bare number of seconds is documented). Pure.
 */
import type { IssueSource, PathSegment } from './issues.js';
import { formatPath } from './issues.js';
import { isRecord } from '../util/guards.js';

/** A bare number of seconds this large for a duration key was probably meant as milliseconds. */
export const BARE_SECONDS_WARN = 100;

/** Every duration key of loadgate.yml, as paths (`*` stands for any list index). */
const DURATION_KEYS: readonly (readonly (string | '*')[])[] = [
  ['server', 'setup-timeout'],
  ['server', 'grace'],
  ['server', 'ready', 'timeout'],
  ['load', 'warmup'],
  ['load', 'duration'],
  ['load', 'timeout'],
  ['load', 'stages', '*', 'duration'],
];

function expand(value: unknown, pattern: readonly (string | '*')[]): PathSegment[][] {
  let paths: { path: PathSegment[]; at: unknown }[] = [{ path: [], at: value }];
  for (const seg of pattern) {
    const next: typeof paths = [];
    for (const p of paths) {
      if (seg === '*') {
        if (Array.isArray(p.at)) p.at.forEach((v, i) => next.push({ path: [...p.path, i], at: v }));
      } else if (isRecord(p.at)) {
        const v = p.at[seg];
        if (v !== undefined) next.push({ path: [...p.path, seg], at: v });
      }
    }
    paths = next;
  }
  return paths.map((p) => p.path);
}

/**
 * `loadgate.yml:12:14: server.ready.timeout: 500 is read as 500 seconds (8m20s); write 500ms
 * if you meant milliseconds, or 500s to keep seconds and silence this warning`.
 */
export function durationNotes(value: unknown, source: IssueSource): string[] {
  const notes: string[] = [];
  for (const pattern of DURATION_KEYS) {
    for (const path of expand(value, pattern)) {
      const raw = source.valueAt(path);
      const text =
        typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
      if (!/^\d+(?:\.\d+)?$/.test(text) || Number(text) < BARE_SECONDS_WARN) continue;
      const pos = source.locate(path, 'value');
      const where = pos ? `${source.label}:${pos.line}:${pos.col}` : source.label;
      const minutes = Number(text) / 60;
      notes.push(
        `${where}: ${formatPath(path)}: ${text} is read as ${text} seconds` +
          `${minutes >= 1 ? ` (${Math.round(minutes * 10) / 10} minutes)` : ''}; ` +
          `write ${text}ms if you meant milliseconds, or ${text}s to keep seconds`,
      );
    }
  }
  return notes;
}
