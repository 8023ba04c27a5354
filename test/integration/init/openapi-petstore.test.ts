// `loadgate init --from-openapi` with a description nobody here wrote: the Petstore that
// @readme/oas-examples ships, served by a loopback server that answers its GET routes.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { dereference } from '@readme/openapi-parser';
import { startRouteServer, type Route } from '../../support/route-server.js';
import { cli, parseGenerated, shortRun, tempDir } from './helpers.js';

const require = createRequire(import.meta.url);
const PETSTORE = require.resolve('@readme/oas-examples/3.0/json/petstore.json');
const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

test('petstore: init writes a scenario that parses and runs with no errors', async () => {
  const doc = (await dereference(PETSTORE)) as { paths: Record<string, Record<string, unknown>> };
  // The petstore "server": every GET of the description except /user/logout, which answers
  // 404 here so that init's probe has something to catch.
  const routes: Route[] = Object.entries(doc.paths)
    .filter(([, ops]) => 'get' in ops)
    .map(([p]) => ({ method: 'GET', path: `/v2${p}` }));
  const server = await startRouteServer(routes, ['/v2/user/logout']);
  try {
    const init = await cli(['init', '--from-openapi', PETSTORE, '--target', server.url], dir);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /wrote .*loadgate\.yml: 1 request\(s\), 3 commented out/);
    assert.match(init.stderr, /GET \/v2\/user\/logout: answered 404 \(written commented out\)/);
    const probed = server.seen.map((s) => s.url);
    assert.deepEqual(probed.sort(), ['/v2/store/order/1', '/v2/user/logout']);

    const yaml = readFileSync(join(dir, 'loadgate.yml'), 'utf8');
    assert.match(
      yaml,
      /# failed when init tried it \(answered 404\):\n\s+# - name: GET \/v2\/user\/logout/,
    );
    const config = parseGenerated(join(dir, 'loadgate.yml'));
    assert.equal(config.target, server.url);
    assert.deepEqual(
      config.requests.map((r) => r.path),
      ['/v2/store/order/1'],
    );

    server.seen.length = 0;
    const run = await shortRun(dir);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.requests > 0);
    assert.equal(run.errors, 0);
    assert.ok(server.seen.every((s) => s.headers.authorization === undefined));
  } finally {
    await server.close();
  }
});

test('an existing file is not overwritten without --force; the message names it', async () => {
  const before = readFileSync(join(dir, 'loadgate.yml'), 'utf8');
  const r = await cli(['init', '--from-openapi', PETSTORE, '--no-probe'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /loadgate\.yml already exists: pass --force to overwrite it/);
  assert.doesNotMatch(r.stderr, /\n\s+at /); // no stack trace for a user mistake
  assert.equal(readFileSync(join(dir, 'loadgate.yml'), 'utf8'), before);
  const forced = await cli(
    ['init', '--from-openapi', PETSTORE, '--no-probe', '--force', '-o', 'other.yml'],
    dir,
  );
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok(existsSync(join(dir, 'other.yml')));
});

test('user mistakes: exit 2 naming the flag and file', async () => {
  const missing = await cli(['init', '--from-har', 'nope.har', '-o', 'x.yml'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--from-har nope\.har: file not found/);
  const remote = await cli(
    ['init', '--from-openapi', PETSTORE, '--target', 'http://example.com', '-o', 'x.yml'],
    dir,
  );
  assert.equal(remote.code, 2);
  assert.match(remote.stderr, /--target http:\/\/example\.com: only loopback hosts/);
  const two = await cli(['init', '--from-har', 'a', '--from-postman', 'b'], dir);
  assert.match(two.stderr, /--from-har and --from-postman: give one source/);
  const bad = await cli(['init', '--from-openapi', 'missing.yaml', '-o', 'x.yml'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--from-openapi .*missing\.yaml: cannot read the description/);
});

test('every request failing the probe: exit 2 listing them, nothing written', async () => {
  const server = await startRouteServer([]);
  try {
    const r = await cli(
      ['init', '--from-openapi', PETSTORE, '--target', server.url, '-o', 'none.yml'],
      dir,
    );
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /every generated request failed when init tried it at http:\/\/127\.0\.0\.1:\d+; nothing written/,
    );
    assert.match(r.stderr, /GET \/v2\/store\/order\/\{orderId\}: answered 404/);
    assert.ok(!existsSync(join(dir, 'none.yml')));
  } finally {
    await server.close();
  }
});
