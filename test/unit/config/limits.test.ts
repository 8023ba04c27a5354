import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIMITS } from '../../../src/config/defaults.js';
import { MAX_CONFIG_BYTES } from '../../../src/config/parse.js';
import { configError, parse } from './helpers.js';

const head = 'target: http://127.0.0.1:8080\n';

test('more requests than the limit: a clear error naming the key and the limit', () => {
  const many = Array.from({ length: LIMITS.requests + 1 }, (_, i) => `  - path: /e${i}`);
  const e = configError(() => parse(`${head}requests:\n${many.join('\n')}\n`));
  assert.equal(e.exitCode, 2);
  assert.match(e.message, /^loadgate\.yml:3:\d+: requests: expected at most 200 requests/);
  // The limit itself is fine.
  const ok = parse(`${head}requests:\n${many.slice(0, LIMITS.requests).join('\n')}\n`);
  assert.equal(ok.requests.length, LIMITS.requests);
});

test('a config file over 1 MiB is refused before parsing, naming the file and the limit', () => {
  // Not YAML at all past the first line: parsing it would fail differently.
  const text = `${head}requests: [ { path: / } ]\n#${'x'.repeat(MAX_CONFIG_BYTES)}\n: : :`;
  const e = configError(() => parse(text, { source: '/repo/loadgate.yml' }));
  assert.equal(e.code, 'LG_CONFIG_TOO_LARGE');
  assert.match(
    e.message,
    /^\/repo\/loadgate\.yml: the config file is 1\.0 MiB, over the limit of 1 MiB/,
  );
});

test('a bare duration number that looks like milliseconds is kept as seconds, with a note', () => {
  const c = parse(
    `${head}requests: [ { path: / } ]\nload:\n  timeout: 500\n  warmup: 3\n  duration: 2s\n`,
  );
  assert.equal(c.load.timeoutMs, 500_000);
  assert.deepEqual(c.notes, [
    'loadgate.yml:4:12: load.timeout: 500 is read as 500 seconds (8.3 minutes); write 500ms if you meant milliseconds, or 500s to keep seconds',
  ]);
  assert.equal(
    parse(`${head}requests: [ { path: / } ]\nload: { timeout: 500ms }\n`).notes,
    undefined,
  );
});
