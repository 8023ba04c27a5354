import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LIBRARY_VERSIONS, LOADGATE_VERSION } from '../../../src/pipeline/versions.js';

const installed = (pkg: string): string =>
  (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')) as { version: string })
    .version;

test('recorded library versions equal the installed packages', () => {
  for (const [pkg, version] of Object.entries(LIBRARY_VERSIONS)) {
    assert.equal(version, installed(pkg), `${pkg}: update src/pipeline/versions.ts`);
  }
});

test('loadgate version equals package.json', () => {
  const own = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  assert.equal(LOADGATE_VERSION, own.version);
});
