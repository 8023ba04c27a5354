import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfigText } from '../../../src/config/index.js';
import { renderDraft } from '../../../src/init/render.js';
import { emptyDraft, type DraftRequest } from '../../../src/init/types.js';

const request = (over: Partial<DraftRequest>): DraftRequest => ({
  name: 'GET /a',
  method: 'GET',
  path: '/a',
  query: {},
  headers: {},
  body: { kind: 'none' },
  weight: 1,
  note: null,
  disabled: null,
  ...over,
});

test('commented-out requests become valid requests when uncommented', () => {
  const draft = emptyDraft('a test');
  draft.target = 'http://127.0.0.1:9000';
  draft.requests = [
    request({ note: 'the first' }),
    request({
      name: 'GET /secret',
      path: '/secret',
      headers: { Authorization: 'Bearer ${env.API_TOKEN}' },
      disabled: 'needs credentials',
    }),
    request({
      name: 'POST /b',
      method: 'POST',
      path: '/b',
      body: { kind: 'json', value: { a: [1, 'x$${y'] } },
      weight: 2,
      disabled: 'failed when init tried it (answered 404)',
    }),
  ];
  const { yaml } = renderDraft(draft, { dataFile: null, probed: 'tried at a place' });
  const ctx = { source: 'l.yml', baseDir: '/p', env: { API_TOKEN: 't' }, cores: 2 };
  const before = parseConfigText(yaml, ctx);
  assert.deepEqual(
    before.requests.map((r) => r.name),
    ['GET /a'],
  );
  assert.match(yaml, /^# tried at a place$/m);
  assert.match(yaml, /^ {2}# the first$/m);
  // uncomment the request lines (not the reason lines) as a user would
  const uncommented = yaml
    .split('\n')
    .filter((l) => !/^\s+# (needs credentials|failed when|Commented out)/.test(l))
    .map((l) => (/^\s+# ( *- name:| {2})/.test(l) ? l.replace('# ', '') : l))
    .join('\n');
  const after = parseConfigText(uncommented, ctx);
  assert.deepEqual(
    after.requests.map((r) => r.name),
    ['GET /a', 'GET /secret', 'POST /b'],
  );
  assert.deepEqual(after.requests[2]?.body, { kind: 'json', value: { a: [1, 'x$${y'] } });
  assert.equal(after.requests[1]?.headers.Authorization, 'Bearer ${env.API_TOKEN}');
});

test('the data feed is written as JSON rows and referenced from data:', () => {
  const draft = emptyDraft('x');
  draft.requests = [request({ path: '/items/${data.items_id}' })];
  draft.data = { columns: ['items_id'], rows: [{ items_id: '1' }, { items_id: '2' }] };
  const { yaml, data } = renderDraft(draft, { dataFile: 'loadgate.data.json', probed: null });
  assert.deepEqual(JSON.parse(data ?? ''), [{ items_id: '1' }, { items_id: '2' }]);
  const config = parseConfigText(yaml, { source: 'l.yml', baseDir: '/p', env: {}, cores: 2 });
  assert.equal(config.data?.file, '/p/loadgate.data.json');
  assert.match(yaml, /The requests were not sent before writing/);
});

test('the defaults noted above requests: are the ones loadgate applies when the keys are left out', () => {
  const draft = emptyDraft('x');
  draft.target = 'http://127.0.0.1:9000';
  draft.requests = [request({})];
  const { yaml } = renderDraft(draft, { dataFile: null, probed: null });
  const noted = [...yaml.matchAll(/^# ((?:load|gate): )\(the defaults\) (\{.*\})$/gm)];
  assert.deepEqual(
    noted.map((m) => m[1]),
    ['load: ', 'gate: '],
  );
  const ctx = { source: 'l.yml', baseDir: '/p', env: {}, cores: 2 };
  const implicit = parseConfigText(yaml, ctx);
  const explicit = parseConfigText(
    `${yaml}\n${noted.map((m) => `${m[1]}${m[2]}`).join('\n')}\n`,
    ctx,
  );
  assert.deepEqual(explicit.gate, implicit.gate);
  assert.deepEqual(explicit.load, implicit.load);
});
