// Postman collections nobody here wrote: v2.1 exports from postman-to-openapi's test suite
// (MIT; see test/fixtures/init/postman/README.md), plus small cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { draftFromPostman } from '../../../src/init/postman.js';
import { renderAndParse } from './helpers.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(`test/fixtures/init/postman/${name}`, 'utf8'));

test('FolderCollection: nested folders walked in order, names kept, bodies kept, vars mapped', () => {
  const draft = draftFromPostman(fixture('FolderCollection.json'), 'FolderCollection.json');
  const { config, yaml } = renderAndParse(draft);
  const names = config.requests.map((r) => r.name);
  assert.ok(names.includes('Users / Admin / Get user roles'));
  assert.ok(names.includes('Folder 1 / Folder 2 / Folder 3 / Folder 4 / Folder 5 / Request 4'));
  const roles = config.requests.find((r) => r.name === 'Users / Admin / Get user roles');
  assert.equal(roles?.path, '/users/admin/roles'); // host https://api.io dropped
  const create = config.requests.find((r) => r.name === 'Users / Create a user');
  assert.equal(create?.method, 'POST');
  assert.equal(create?.body.kind, 'json');
  assert.deepEqual(config.vars, { version: '2.3.0' });
  // a file upload body is not supported: listed, not generated
  assert.match(yaml, /# - Posts \/ Create a post: file body \(not supported\)/);
});

test('PathParams: {{vars}} in paths become ${vars.x}; undefined ones are declared with a note', () => {
  const draft = draftFromPostman(fixture('PathParams.json'), 'PathParams.json');
  const { config, yaml } = renderAndParse(draft);
  assert.ok(config.requests.some((r) => r.path === '/users/${vars.user_id}'));
  assert.ok(config.requests.some((r) => r.path === '/customer/${vars.customer_id}'));
  assert.deepEqual(config.vars, { user_id: '', customer_id: '' });
  assert.match(
    yaml,
    /# not defined in the collection \(a Postman environment or global variable\)/,
  );
});

test('AuthBearer: the token is never copied; a commented ${env.NAME} header instead', () => {
  const raw = readFileSync('test/fixtures/init/postman/AuthBearer.json', 'utf8');
  const draft = draftFromPostman(JSON.parse(raw), 'AuthBearer.json');
  const { yaml } = renderAndParse(draft);
  assert.match(yaml, /headers: \{ Authorization: 'Bearer \$\{env\.API_TOKEN\}' \}/);
  for (const c of draft.credentials) assert.doesNotMatch(c.value, /[A-Za-z0-9]{20,}/);
});

test(':id path variables, dynamic variables, ids grouped into a data list', () => {
  const item = (name: string, raw: string, variable: { key: string; value: string }[] = []) => ({
    name,
    request: { method: 'GET', url: { raw, path: raw.split('/').slice(1), variable } },
  });
  const draft = draftFromPostman(
    {
      info: {
        name: 'c',
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      item: [
        item('one', '{{base}}/h/items/:id', [{ key: 'id', value: '11' }]),
        item('two', '{{base}}/h/items/12'),
        item('three', '{{base}}/h/orders/:oid'),
        {
          name: 'make',
          request: {
            method: 'POST',
            url: '{{base}}/items?x={{$guid}}',
            body: {
              mode: 'raw',
              raw: '{"n": "{{$randomInt}}"}',
              options: { raw: { language: 'json' } },
            },
          },
        },
      ],
    },
    'c.json',
  );
  const { config, data } = renderAndParse(draft);
  const items = config.requests.find((r) => r.path.startsWith('/h/items/'));
  assert.equal(items?.path, '/h/items/${data.items_id}');
  assert.equal(items?.weight, 2);
  assert.deepEqual(JSON.parse(data ?? '[]'), [{ items_id: '11' }, { items_id: '12' }]);
  assert.deepEqual(draft.skipped, [
    { label: 'three', reason: 'path variable :oid has no value (not supported)' },
  ]);
  const make = config.requests.find((r) => r.method === 'POST');
  assert.deepEqual(make?.query, { x: '${uuid}' });
  assert.deepEqual(make?.body, { kind: 'json', value: { n: '${randomInt(0,1000)}' } });
});

test('not a v2.1 collection: ConfigError that says how to export one', () => {
  assert.throws(
    () => draftFromPostman({ info: { schema: 'v1' }, requests: [] }, 'old.json'),
    /old\.json: not a Postman collection v2\.1 .*export it from Postman as Collection v2\.1/,
  );
});
