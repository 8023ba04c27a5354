// OpenAPI -> draft with documents nobody here wrote: the Petstores @readme/oas-examples ships
// (OpenAPI 3.0 and Swagger 2.0, $refs resolved by @readme/openapi-parser), plus small cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { dereference } from '@readme/openapi-parser';
import { draftFromOpenApi } from '../../../src/init/openapi.js';
import { renderAndParse } from './helpers.js';

const require = createRequire(import.meta.url);
const examples = (p: string) => require.resolve(`@readme/oas-examples/${p}`);

test('Petstore (OpenAPI 3.0): fillable GETs, credentials commented, unfillable listed', async () => {
  const doc = await dereference(examples('3.0/json/petstore.json'));
  const draft = draftFromOpenApi(doc, 'petstore.json');
  draft.target = 'http://127.0.0.1:8000';
  const { yaml, config } = renderAndParse(draft);
  // the only GETs without credentials whose parameters the document lets us fill
  assert.deepEqual(
    config.requests.map((r) => [r.name, r.path, r.weight]),
    [
      ['GET /v2/store/order/{orderId}', '/v2/store/order/1', 2],
      ['GET /v2/user/logout', '/v2/user/logout', 1],
    ],
  );
  assert.equal(config.name, 'Swagger Petstore');
  // needs credentials: commented out, with the ${env.NAME} header ready
  assert.match(
    yaml,
    /# needs credentials \(api_key\): set API_KEY and uncomment:\n\s+# - name: GET \/v2\/store\/inventory/,
  );
  assert.match(yaml, /#\s+api_key: \$\{env\.API_KEY\}/);
  assert.match(yaml, /headers: \{ Authorization: 'Bearer \$\{env\.PETSTORE_AUTH\}' \}/);
  // status has an enum default: filled; findByStatus is a list route (array answer): weight 3
  const byStatus = draft.requests.find((r) => r.name === 'GET /v2/pet/findByStatus');
  assert.deepEqual(byStatus?.query, { status: 'available' });
  assert.equal(byStatus?.weight, 3);
  // required parameters without any example: listed with the reason
  assert.match(
    yaml,
    /# - GET \/v2\/user\/\{username\}: required path parameter username has no example/,
  );
  assert.match(yaml, /not generated: 2 PUT, 7 POST, 3 DELETE operation/);
});

test('Petstore (Swagger 2.0, YAML): basePath, securityDefinitions', async () => {
  const doc = await dereference(examples('2.0/yaml/petstore.yaml'));
  const draft = draftFromOpenApi(doc, 'petstore.yaml');
  assert.match(draft.source, /^Swagger 2\.0/);
  assert.ok(draft.requests.every((r) => r.path.startsWith('/v2/')));
  assert.ok(draft.credentials.some((c) => c.name === 'api_key' && c.value === '${env.API_KEY}'));
  assert.ok(draft.requests.some((r) => r.disabled === null && r.path === '/v2/user/logout'));
});

test('weights favour list and detail routes; literal ${ is escaped; loopback server is the target', () => {
  const draft = draftFromOpenApi(
    {
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      servers: [{ url: 'http://127.0.0.1:{port}/api', variables: { port: { default: '9000' } } }],
      paths: {
        '/things': {
          get: {
            parameters: [{ name: 'q', in: 'query', required: true, example: 'a${b' }],
            responses: {},
          },
        },
        '/things/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, example: 'x/1' }],
          get: { responses: {} },
        },
        '/health': { get: { responses: {} } },
        '/reports': { get: { security: [{}, { k: [] }], responses: {} } },
      },
      components: { securitySchemes: { k: { type: 'http', scheme: 'bearer' } } },
      security: [{ k: [] }],
    },
    'doc.json',
  );
  assert.equal(draft.target, 'http://127.0.0.1:9000');
  const by = Object.fromEntries(draft.requests.map((r) => [r.name, r]));
  assert.equal(by['GET /api/things']?.weight, 3);
  assert.equal(by['GET /api/things/{id}']?.weight, 2);
  assert.equal(by['GET /api/things/{id}']?.path, '/api/things/x%2F1');
  assert.deepEqual(by['GET /api/things']?.query, { q: 'a$${b' });
  assert.equal(by['GET /api/health']?.weight, 1);
  // global security: needs a token; an operation allowing {} does not
  assert.match(by['GET /api/things']?.disabled ?? '', /needs credentials \(k\)/);
  assert.equal(by['GET /api/reports']?.disabled, null);
  assert.deepEqual(draft.credentials, [
    {
      in: 'header',
      name: 'Authorization',
      value: 'Bearer ${env.K}',
      from: 'security scheme "k" (http bearer)',
    },
  ]);
});

test('not an OpenAPI document: ConfigError naming the source', () => {
  assert.throws(
    () => draftFromOpenApi({ hello: 1 }, 'notes.json'),
    (e: Error & { code?: string }) =>
      e.code === 'LG_INIT_SOURCE' &&
      /notes\.json: not an OpenAPI 3\.x or Swagger 2\.0/.test(e.message),
  );
});
