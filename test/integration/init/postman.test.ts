// `loadgate init --from-postman` with a collection nobody here wrote (FolderCollection.json from
// postman-to-openapi's test suite), against a loopback server answering its routes.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { startRouteServer } from '../../support/route-server.js';
import { cli, parseGenerated, shortRun, tempDir } from './helpers.js';

const dir = tempDir('lg-init-postman-');
after(() => rmSync(dir, { recursive: true, force: true }));

test('Postman collection: every request generated, probed, and run with no errors', async () => {
  copyFileSync(resolve('test/fixtures/init/postman/FolderCollection.json'), join(dir, 'c.json'));
  const server = await startRouteServer([
    { method: 'GET', path: '/users/admin/roles' },
    { method: 'GET', path: '/posts/admin/settings' },
    { method: 'POST', path: '/users' },
    { method: 'POST', path: '/customer' },
    { method: 'POST', path: '/req1' },
    { method: 'POST', path: '/req2' },
    { method: 'POST', path: '/req3' },
    { method: 'POST', path: '/req4' },
    { method: 'POST', path: '/info' },
  ]);
  try {
    const init = await cli(['init', '--from-postman', 'c.json', '--target', server.url], dir);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /9 request\(s\)/);
    assert.match(init.stdout, /0 failed/);
    const config = parseGenerated(join(dir, 'loadgate.yml'));
    assert.deepEqual(config.vars, { version: '2.3.0' });
    const create = config.requests.find((r) => r.name === 'Users / Create a user');
    assert.equal(create?.body.kind, 'json');
    // the POST body the collection holds is what the probe sent
    const sent = server.seen.find((s) => s.method === 'POST' && s.url === '/users');
    assert.deepEqual(JSON.parse(sent?.body ?? 'null'), (create?.body as { value: unknown }).value);
    assert.match(readFileSync(join(dir, 'loadgate.yml'), 'utf8'), /Create a post: file body/);

    const run = await shortRun(dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.errors, 0);
    assert.equal(run.endpoints.length, 9);
  } finally {
    await server.close();
  }
});
