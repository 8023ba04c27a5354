import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapIntoCheckout, withBaseServer } from '../../../src/pipeline/ab/base-config.js';
import { scenarioFingerprint } from '../../../src/config/index.js';
import { parse, minimal } from '../config/helpers.js';

// Paths that do not exist are compared as written (realpath only applies to existing ones).
const checkout = {
  repoRoot: '/nowhere/repo',
  commit: 'a'.repeat(40),
  dir: '/tmp/lg-base/checkout',
};

test('a path inside the repository maps to the same place in the base checkout', () => {
  assert.equal(mapIntoCheckout('/nowhere/repo/api', checkout), '/tmp/lg-base/checkout/api');
  assert.equal(mapIntoCheckout('/nowhere/repo', checkout), '/tmp/lg-base/checkout');
});

test('a path outside the repository does not map', () => {
  assert.equal(mapIntoCheckout('/nowhere/other/api', checkout), null);
  assert.equal(mapIntoCheckout('/nowhere/repository-2', checkout), null);
});

test("the base runs the head's scenario with its own server section; logs under the head's, in base/", () => {
  const head = parse(minimal('load: { connections: 9 }\n'), { baseDir: '/nowhere/repo' });
  const baseFile = parse(
    'server:\n  command: node old-server.js\n  workers: 3\nrequests:\n  - path: /old\nload: { connections: 2 }\n',
    { baseDir: '/tmp/lg-base/checkout' },
  );
  const base = withBaseServer(head, baseFile.server as NonNullable<typeof baseFile.server>);
  assert.equal(base.server?.command, 'node old-server.js');
  assert.equal(base.server?.cwd, '/tmp/lg-base/checkout');
  assert.equal(base.server?.logDir, `${head.server?.logDir}/base`);
  assert.deepEqual(base.requests, head.requests);
  assert.equal(base.load.connections, 9);
  assert.equal(base.name, head.name);
  assert.notEqual(
    scenarioFingerprint(base),
    scenarioFingerprint(head),
    'the server command differs',
  );
});
