import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderJson } from '../../../src/report/index.js';
import type { Report } from '../../../src/report/types.js';
import { buildReport } from './fixtures.js';

const DOC = new URL('../../../docs/report.md', import.meta.url);

/** The field paths listed in docs/report.md's field table, in order. */
function documentedFields(): string[] {
  const text = readFileSync(DOC, 'utf8');
  return [...text.matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1] ?? '');
}

const MAPS = new Set(['errorsByKind', 'versions']);
const MAP_KEY: Record<string, string> = { errorsByKind: '<kind>', versions: '<name>' };

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Deep union of two objects, first one's key order first (array items differ: {} vs {a: 1}). */
function merge(a: object, b: object): object {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const mine = out[k];
    out[k] = isObject(mine) && isObject(v) ? merge(mine, v) : (mine ?? v);
  }
  return out;
}

/** Every field path of a JSON value, in the documentation's notation, in document order. */
function fieldPaths(value: unknown, path = '', out: string[] = []): string[] {
  if (Array.isArray(value)) {
    // Arrays of objects are described as one merged item; arrays of scalars are leaves.
    const objects = value.filter((x): x is object => x !== null && typeof x === 'object');
    if (objects.length > 0) fieldPaths(objects.reduce(merge), `${path}[]`, out);
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  const parent =
    path
      .split(/[.[\]]+/)
      .filter(Boolean)
      .pop() ?? '';
  for (const [key, child] of Object.entries(value)) {
    const segment =
      parent === 'metrics' ? '<metric>' : MAPS.has(parent) ? (MAP_KEY[parent] ?? key) : key;
    const p = path === '' ? segment : `${path}.${segment}`;
    if (!out.includes(p)) out.push(p);
    fieldPaths(child, p, out);
  }
  return out;
}

/** A report with every optional part present, so that every documented path appears. */
function fullReport(): Report {
  return buildReport({ crashes: 1, endpoints: ['list items'], rounds: 2, verdict: 'inconclusive' });
}

describe('renderJson', () => {
  it('lists exactly the documented fields, in the documented order', () => {
    // `advice` comes with inconclusive results, `failure` with failed runs: one of each.
    const json = merge(
      JSON.parse(renderJson(fullReport())) as object,
      JSON.parse(renderJson(buildReport({ verdict: 'error' }))) as object,
    );
    const actual = fieldPaths(json);
    const documented = documentedFields();
    assert.ok(documented.length > 50, 'the doc has a field table');
    assert.deepEqual(
      actual.filter((p) => !documented.includes(p)),
      [],
      'fields missing from docs/report.md',
    );
    assert.deepEqual(
      documented.filter((p) => !actual.includes(p)),
      [],
      'documented fields the report lacks',
    );
    assert.deepEqual(actual, documented, 'same order as the doc');
  });

  it('orders keys the same whatever order the object was built in', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const r = fullReport();
    const a = renderJson(r);
    assert.equal(renderJson(reverseKeys(r) as Report), a);
    assert.ok(a.endsWith('}\n'));
    assert.match(a, /^\{\n {2}"schema": 1,\n {2}"name": "items-api",/);
  });

  it('keeps nulls, and round-trips through JSON.parse', () => {
    const r = buildReport({ verdict: 'no-baseline', server: null });
    const back = JSON.parse(renderJson(r)) as Report;
    assert.deepEqual(back, r);
    assert.equal(back.server, null);
    assert.equal(back.baseline, null);
    assert.equal(back.metrics.rps.baseline, null);
    assert.equal(back.metrics.rps.change, null);
  });

  it('sorts map keys and keeps fields added to the type later', () => {
    const r = fullReport() as Report & { extra?: number };
    r.extra = 1;
    r.rounds[0]!.errorsByKind = { timeout: 1, 'status:503': 2 };
    const text = renderJson(r);
    assert.match(text, /"status:503": 2,\n\s+"timeout": 1/);
    assert.match(text, /"extra": 1/);
  });
});
