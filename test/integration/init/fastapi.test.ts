// `loadgate init` in a FastAPI project folder: detects the app, boots it with Debian's uvicorn
// through loadgate's supervisor, reads the OpenAPI description FastAPI generates, tries each
// request, writes loadgate.yml; then `loadgate run` boots it again and loads it with no errors.
// Needs Debian's python3-fastapi and uvicorn (.ci/run installs them).
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { cli, parseGenerated, shortRun, tempDir } from './helpers.js';

const APP = resolve('test/fixtures/init/fastapi-app');
const dir = tempDir('lg-init-fastapi-');
after(() => rmSync(dir, { recursive: true, force: true }));

test('FastAPI app: detected, booted, its /openapi.json turned into a scenario that runs clean', async () => {
  cpSync(APP, dir, { recursive: true });
  const init = await cli(['init'], dir);
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stderr, /Detected a FastAPI app: app = FastAPI\(\) in app\.py/);
  assert.match(init.stdout, /detected: fastapi project/);
  assert.match(init.stdout, /0 failed/);

  const yaml = readFileSync(join(dir, 'loadgate.yml'), 'utf8');
  assert.match(
    yaml,
    /from OpenAPI 3\.\d\.\d description \/openapi\.json, served by\n# the fastapi app/,
  );
  assert.match(yaml, /# - GET \/search: required query parameter q has no example/);
  assert.match(yaml, /# - GET \/me: required header parameter x-api-key has no example/);
  const config = parseGenerated(join(dir, 'loadgate.yml'));
  assert.equal(config.name, 'Items API');
  assert.match(
    config.server?.command ?? '',
    /^uvicorn app:app --host 127\.0\.0\.1 --port \$PORT --workers \d+$/,
  );
  assert.equal(config.server?.ready.path, '/openapi.json');
  const by = Object.fromEntries(config.requests.map((r) => [r.name, r]));
  assert.deepEqual(Object.keys(by).sort(), [
    'GET /health',
    'GET /items',
    'GET /items/{item_id}',
    'GET /tags/{tag}/items',
  ]);
  assert.equal(by['GET /items']?.weight, 3); // list route
  assert.equal(by['GET /items/{item_id}']?.path, '/items/1'); // from ge=1
  assert.equal(by['GET /items/{item_id}']?.weight, 2);
  assert.equal(by['GET /tags/{tag}/items']?.path, '/tags/blue/items'); // from example=
  assert.equal(by['GET /health']?.weight, 1);

  const run = await shortRun(dir);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(run.requests > 0);
  assert.equal(run.errors, 0);
});
