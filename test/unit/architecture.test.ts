// docs/architecture.md's rule, checked: data flows forward. A room imports only earlier rooms
// and the shared vocabulary (errors, error-codes, log, util), which imports no room; the pure
// rooms (config, stats, report) import nothing that touches files, processes or the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

const SRC = 'src';

/** The rooms in the order data flows; a room may import any room before it. */
const ORDER = [
  'config',
  'supervisor',
  'load',
  'stats',
  'baseline',
  'report',
  'github',
  'pipeline',
  'sweep',
  'init',
  'cli',
  'action',
] as const;
const SHARED = new Set(['errors', 'error-codes', 'log', 'util']);
const PURE = new Set(['config', 'stats', 'report']);
/** The action's entry files at the top of src/ (toolkit layout): front doors, may import anything. */
const ENTRIES = ['main', 'index', 'post', 'post-index'];
/** Modules a pure room may not import: files, processes, sockets, HTTP. */
const EFFECTS =
  /^(node:)?(fs|fs\/promises|child_process|net|http|https|dgram|worker_threads|cluster|os)$|^undici$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * `src/stats/compare.ts` -> `stats`; `src/errors.ts` (or the import `./errors.js`) -> `errors`;
 * entry files -> their name.
 */
function roomOf(path: string): string {
  const [first = ''] = relative(SRC, path).split(sep);
  return first.replace(/\.[jt]s$/, '');
}

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1] ?? '');
}

const all = files(SRC);

test('every room is placed in the flow (a new room needs a place in ORDER)', () => {
  const rooms = new Set(all.map(roomOf));
  const known = new Set<string>([...ORDER, ...SHARED, ...ENTRIES]);
  assert.deepEqual(
    [...rooms].filter((r) => !known.has(r)),
    [],
  );
});

test('imports run forward only: no room imports a later room', () => {
  const backwards: string[] = [];
  for (const path of all) {
    const from = roomOf(path);
    const rank = ORDER.indexOf(from as (typeof ORDER)[number]);
    for (const spec of imports(path)) {
      if (!spec.startsWith('.')) continue;
      const to = roomOf(normalize(join(dirname(path), spec)));
      if (to === from || SHARED.has(to)) continue;
      const target = ORDER.indexOf(to as (typeof ORDER)[number]);
      if (SHARED.has(from) || (rank >= 0 && target > rank)) backwards.push(`${path} -> ${spec}`);
    }
  }
  assert.deepEqual(backwards, []);
});

test('the pure rooms (config, stats, report) import nothing with side effects', () => {
  const effects = all
    .filter((path) => PURE.has(roomOf(path)))
    .flatMap((path) =>
      imports(path)
        .filter((s) => EFFECTS.test(s))
        .map((s) => `${path}: ${s}`),
    );
  assert.deepEqual(effects, []);
});
