// The stable error codes: every code the source raises is in src/error-codes.ts, and
// docs/errors.md documents exactly those; every error class has the one constructor shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/error-codes.js';
import { BaselineStoreError } from '../../src/baseline/errors.js';
import {
  ConfigError,
  ExitCode,
  InterruptedError,
  LoadgateError,
  NoRoundsError,
  ScenarioError,
  ServerError,
} from '../../src/errors.js';

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

test('one error shape: new XError(message, { code, details }); the exit code from the class', () => {
  const cases = [
    [new ConfigError('m'), 'LG_CONFIG', ExitCode.usage],
    [new ScenarioError('m'), 'LG_SCENARIO', ExitCode.usage],
    [new ServerError('m'), 'LG_SERVER', ExitCode.server],
    [new NoRoundsError('m'), 'LG_NO_ROUNDS', ExitCode.internal],
    [new InterruptedError('m'), 'LG_INTERRUPTED', ExitCode.interrupted],
    [new BaselineStoreError('m'), 'LG_BASELINE_STORE', ExitCode.internal],
  ] as const;
  for (const [e, code, exitCode] of cases) {
    assert.ok(e instanceof LoadgateError);
    assert.deepEqual(
      [e.name, e.code, e.exitCode, e.details],
      [e.constructor.name, code, exitCode, []],
    );
  }
  const cause = new Error('ENOENT');
  const e = new ServerError('setup failed', {
    code: 'LG_SETUP_FAILED',
    details: ['a', 'b'],
    cause,
  });
  assert.deepEqual(
    [e.code, e.exitCode, e.details, e.cause],
    ['LG_SETUP_FAILED', 3, ['a', 'b'], cause],
  );
  // Another code keeps the class's exit code.
  assert.equal(new ConfigError('m', { code: 'LG_USAGE' }).exitCode, ExitCode.usage);
});
