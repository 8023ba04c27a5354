/**
 * Problems found in a config, and how they become one ConfigError:
 * `loadgate.yml:7:16: load.connections: expected a whole number from 1 to 10000, got "lots"`.
 * The first problem is the message; the others are the error's details, in file order.
 */
import { ConfigError } from '../errors.js';
import type { ErrorCode } from '../error-codes.js';
import { count } from '../util/format.js';

export type PathSegment = string | number;

export interface Issue {
  /** Key path in the file's own names, e.g. ['requests', 0, 'headers', 'Authorization']. */
  path: PathSegment[];
  /** What was expected, e.g. `expected a whole number from 1 to 10000`. */
  message: string;
  /** Point at the key (unknown keys) or at its value (default). */
  at?: 'key' | 'value';
  /** Append `, got <value>` (default: when the value exists and is not the point of the message). */
  showGot?: boolean;
}

export interface Position {
  line: number;
  col: number;
}

/** Where issues come from: a file with positions, or inputs/flags without them. */
export interface IssueSource {
  /** `loadgate.yml`, `action inputs`, `command line`. */
  label: string;
  locate(path: PathSegment[], at: 'key' | 'value'): Position | null;
  valueAt(path: PathSegment[]): unknown;
}

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/** `requests[0].headers.Authorization`; keys with dots or spaces are quoted. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** A short picture of a value for messages (secrets never reach here: only config text). */
export function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  return String(value);
}

/** Edit distance, for "did you mean" on unknown keys and names. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** The closest candidate within a small edit distance, if any. */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const guess = closest(key, allowed);
  if (guess) return `unknown key "${key}" (did you mean "${guess}"?)`;
  return allowed.length > 0
    ? `unknown key "${key}" (expected one of: ${allowed.join(', ')})`
    : `unknown key "${key}"`;
}

export function formatIssue(issue: Issue, source: IssueSource): string {
  const at = issue.at ?? 'value';
  const pos = source.locate(issue.path, at);
  const where = pos ? `${source.label}:${pos.line}:${pos.col}` : source.label;
  const key = formatPath(issue.path);
  const value = source.valueAt(issue.path);
  let got = '';
  if (issue.showGot ?? (at === 'value' && value !== undefined)) {
    got = value === undefined ? ', but it is missing' : `, got ${describeValue(value)}`;
  }
  return `${where}: ${key ? `${key}: ` : ''}${issue.message}${got}`;
}

/** One ConfigError for all issues: the first (in file order) in the message, the rest as details. */
export function issuesToError(issues: readonly Issue[], source: IssueSource): ConfigError {
  const located = issues.map((issue, index) => {
    const pos = source.locate(issue.path, issue.at ?? 'value');
    return { text: formatIssue(issue, source), line: pos?.line ?? 0, col: pos?.col ?? 0, index };
  });
  located.sort((a, b) => a.line - b.line || a.col - b.col || a.index - b.index);
  const lines = [...new Set(located.map((l) => l.text))];
  return linesToError(lines.length > 0 ? lines : [`${source.label}: invalid configuration`]);
}

/** First line as the message (with a count of the rest), the others as details. */
export function linesToError(lines: readonly string[], code: ErrorCode = 'LG_CONFIG'): ConfigError {
  const [first = 'invalid configuration', ...rest] = lines;
  const more = rest.length > 0 ? ` (and ${count(rest.length, 'more problem')})` : '';
  return new ConfigError(`${first}${more}`, { code: code, details: rest });
}

/** Throw when there is anything to report. */
export function throwIfIssues(issues: readonly Issue[], source: IssueSource): void {
  if (issues.length > 0) throw issuesToError(issues, source);
}
