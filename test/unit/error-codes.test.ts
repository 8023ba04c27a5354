// The stable error codes: every code the source raises is in src/error-codes.ts, and
// docs/errors.md documents exactly those.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/error-codes.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('error-codes.ts') ? [path] : [];
  });
}

const mapped = Object.keys(ERROR_CODES).sort();

test('every code the source raises is in the map, and every mapped code is raised', () => {
  const used = new Set<string>();
  for (const path of sources('src')) {
    for (const m of readFileSync(path, 'utf8').matchAll(/'(LG_[A-Z0-9_]+)'/g)) used.add(m[1] ?? '');
  }
  assert.deepEqual(
    [...used].filter((c) => !mapped.includes(c)),
    [],
    'codes missing from src/error-codes.ts',
  );
  assert.deepEqual(
    mapped.filter((c) => !used.has(c)),
    [],
    'mapped codes nothing raises',
  );
});

test('docs/errors.md lists exactly the mapped codes', () => {
  const doc = readFileSync('docs/errors.md', 'utf8');
  const documented = [...doc.matchAll(/^\| `(LG_[A-Z0-9_]+)` +\|/gm)].map((m) => m[1] ?? '').sort();
  assert.deepEqual(documented, mapped);
});
