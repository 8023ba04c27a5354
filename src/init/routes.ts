/**
 * Requests seen in a recording (HAR) or listed in a collection (Postman) -> endpoints. Pure.
 * Requests with the same method and path, once id-like path segments (numbers, UUIDs, long hex)
 * are set aside, are one endpoint; when an endpoint was seen with several ids, its path gets a
 * `${data.column}` fed by a small data list of the values seen. Weights are how often each
 * endpoint was seen.
 */
import type { HttpMethod } from '../config/types.js';
import type { DraftBody, DraftData, DraftRequest } from './types.js';
import { identifier, uniqueName } from './text.js';
import { count } from '../util/format.js';

/** One request as seen; text fields are already loadgate templates (see text.ts `literal`). */
export interface Observed {
  method: HttpMethod;
  /** Path without query string, each segment as sent (percent-encoded). */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: DraftBody;
  /** A human name (Postman item name) when the source has one. */
  label: string | null;
  /** Why it should be written commented out, or null. */
  disabled: string | null;
}

/** Ids seen per templated route are capped: the data feed is a sample, not a dump. */
export const MAX_IDS = 20;

const ID_PATTERNS = [
  /^\d+$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^(?=[0-9a-f]*\d)[0-9a-f]{16,}$/i,
];

export function isIdSegment(segment: string): boolean {
  return ID_PATTERNS.some((re) => re.test(segment));
}

interface Group {
  method: HttpMethod;
  segments: string[];
  idPositions: number[];
  values: Map<number, string[]>;
  first: Observed;
  count: number;
}

export interface Endpoints {
  requests: DraftRequest[];
  data: DraftData | null;
}

export function groupEndpoints(observed: readonly Observed[]): Endpoints {
  const groups = new Map<string, Group>();
  for (const o of observed) {
    const segments = o.path.split('/');
    const idPositions = segments.flatMap((s, i) => (isIdSegment(s) ? [i] : []));
    const shape = segments.map((s, i) => (idPositions.includes(i) ? '{}' : s)).join('/');
    const key = `${o.method} ${shape}`;
    let g = groups.get(key);
    if (!g) {
      g = { method: o.method, segments, idPositions, values: new Map(), first: o, count: 0 };
      groups.set(key, g);
    }
    g.count++;
    for (const i of idPositions) {
      const seen = g.values.get(i) ?? [];
      const v = segments[i] ?? '';
      if (!seen.includes(v) && seen.length < MAX_IDS) seen.push(v);
      g.values.set(i, seen);
    }
  }

  const names = new Set<string>();
  const columnNames = new Set<string>();
  const columns: { name: string; values: string[] }[] = [];
  const requests: DraftRequest[] = [];
  for (const g of groups.values()) {
    const segments = [...g.segments];
    const display = [...g.segments];
    const templated: string[] = [];
    for (const i of g.idPositions) {
      const values = g.values.get(i) ?? [];
      if (values.length < 2) continue; // one id seen: keep the literal path
      const before = g.segments
        .slice(0, i)
        .reverse()
        .find((s) => s !== '' && !isIdSegment(s));
      const column = uniqueName(identifier(`${before ?? 'path'}_id`, 'id'), columnNames);
      columns.push({ name: column, values });
      segments[i] = `\${data.${column}}`;
      display[i] = `{${column}}`;
      templated.push(`${values.length} ids in column ${column}`);
    }
    const route = display.join('/');
    const base = g.first.label ?? `${g.method} ${route}`;
    const name = uniqueName(
      g.count > 1 || templated.length > 0 ? `${g.method} ${route}` : base,
      names,
    );
    const seen = `seen ${count(g.count, 'time')}`;
    requests.push({
      name,
      method: g.method,
      path: segments.join('/'),
      query: g.first.query,
      headers: g.first.headers,
      body: g.first.body,
      weight: g.count,
      note: templated.length > 0 ? `${seen}; ${templated.join(', ')}` : seen,
      disabled: g.first.disabled,
    });
  }
  return { requests, data: dataFeed(columns) };
}

/** One row per index up to the longest column; shorter columns wrap around. */
function dataFeed(columns: { name: string; values: string[] }[]): DraftData | null {
  if (columns.length === 0) return null;
  const n = Math.max(...columns.map((c) => c.values.length));
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, string> = {};
    for (const c of columns) row[c.name] = c.values[i % c.values.length] ?? '';
    rows.push(row);
  }
  return { columns: columns.map((c) => c.name), rows };
}
