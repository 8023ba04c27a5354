import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigContext } from '../../../src/config/context.js';
import { configFromTargetFlags } from '../../../src/config/target-flags.js';
import { configError } from './helpers.js';

const cli: ConfigContext = { source: 'command line', baseDir: '/home/me/api', env: {}, cores: 2 };

test('--target and --path: GET one path of a running API, named after the folder', () => {
  const c = configFromTargetFlags({ target: 'http://127.0.0.1:8000', path: '/items' }, cli);
  assert.equal(c.source, null);
  assert.equal(c.name, 'api');
  assert.equal(c.server, null);
  assert.match(c.target ?? '', /^http:\/\/127\.0\.0\.1:8000\/?$/);
  assert.deepEqual(
    c.requests.map((r) => [r.method, r.path]),
    [['GET', '/items']],
  );
});

test('--path defaults to /', () => {
  const c = configFromTargetFlags({ target: 'http://[::1]:8000', path: null }, cli);
  assert.equal(c.requests[0]?.path, '/');
});

test('problems are named by the flag the user typed, not as action inputs', () => {
  assert.equal(
    configError(() => configFromTargetFlags({ target: 'http://127.0.0.1:1', path: 'items' }, cli))
      .message,
    'command line: --path: expected a path starting with /, got "items"',
  );
  assert.match(
    configError(() => configFromTargetFlags({ target: 'http://example.com', path: null }, cli))
      .message,
    /^command line: --target: only loopback hosts .*"http:\/\/example\.com"/,
  );
});
