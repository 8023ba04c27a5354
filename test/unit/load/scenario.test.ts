import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRequest, compileRequests } from '../../../src/load/scenario.js';
import type { RequestSpec } from '../../../src/config/types.js';
import type { TemplateScope } from '../../../src/load/template.js';
import { createRng } from '../../../src/load/rng.js';
import { ScenarioError } from '../../../src/errors.js';

const scope: TemplateScope = {
  env: { K: 'v' },
  vars: {},
  captures: { token: 't0k' },
  columns: new Set(['id']),
};
const spec = (p: Partial<RequestSpec>): RequestSpec => ({
  name: 'r',
  method: 'GET',
  path: '/',
  query: {},
  headers: {},
  body: { kind: 'none' },
  weight: 1,
  expect: { status: [], bodyContains: null },
  ...p,
});

test('a request without per-request parts compiles to one reusable options object', () => {
  const r = compileRequest(
    spec({
      method: 'POST',
      path: '/items',
      query: { q: 'a b', 'x&y': '${env.K}' },
      headers: { Authorization: 'Bearer ${token}' },
      body: { kind: 'json', value: { n: 1 } },
    }),
    { scope },
  );
  assert.ok(r.fixed);
  assert.equal(r.fixed.path, '/items?q=a%20b&x%26y=v');
  assert.deepEqual(r.fixed.headers, [
    'Authorization',
    'Bearer t0k',
    'content-type',
    'application/json',
  ]);
  assert.ok(Buffer.isBuffer(r.fixed.body));
  assert.equal(String(r.fixed.body), '{"n":1}');
});

test('per-request parts render fresh options; path values are percent-encoded when needed', () => {
  const r = compileRequest(spec({ path: '/u/${data.id}', headers: { 'x-seq': '${seq}' } }), {
    scope,
  });
  assert.equal(r.fixed, null);
  const o = r.build({ seq: 9, row: { id: 'a b/ü' }, rng: createRng(1) });
  assert.equal(o.path, '/u/a%20b/%C3%BC');
  assert.deepEqual(o.headers, ['x-seq', '9']);
});

test('raw bodies keep their content type unless a header sets one', () => {
  const r = compileRequest(
    spec({ method: 'PUT', body: { kind: 'raw', value: 'a=1', contentType: 'text/plain' } }),
    { scope },
  );
  assert.deepEqual(r.fixed?.headers, ['content-type', 'text/plain']);
  const own = compileRequest(
    spec({
      method: 'PUT',
      headers: { 'Content-Type': 'x/y' },
      body: { kind: 'raw', value: 'a', contentType: 'text/plain' },
    }),
    { scope },
  );
  assert.deepEqual(own.fixed?.headers, ['Content-Type', 'x/y']);
});

test('expectations become a status table and a body needle', () => {
  const d = compileRequest(spec({}), { scope });
  assert.equal(d.accepted[200], 1);
  assert.equal(d.accepted[399], 1);
  assert.equal(d.accepted[404], 0);
  assert.equal(d.bodyContains, null);
  const e = compileRequest(spec({ expect: { status: [404], bodyContains: 'ok' } }), { scope });
  assert.equal(e.accepted[404], 1);
  assert.equal(e.accepted[200], 0);
  assert.deepEqual(e.bodyContains, Buffer.from('ok'));
});

test('bad input is a ScenarioError naming the request and field', () => {
  const bad = (p: Partial<RequestSpec>, re: RegExp) =>
    assert.throws(
      () => compileRequest(spec({ name: 'login', ...p }), { scope }),
      (e: Error) => e instanceof ScenarioError && re.test(e.message),
    );
  bad(
    { method: 'FETCH' as RequestSpec['method'] },
    /request 'login': method: unknown method FETCH/,
  );
  bad({ path: 'items' }, /path: must start with \//);
  bad({ headers: { 'bad name': 'x' } }, /headers\.bad name: not a valid header name/);
  bad({ headers: { 'x-a': 'line\nbreak' } }, /headers\.x-a: the value has control characters/);
  bad({ headers: { Connection: 'close' } }, /managed by the engine/);
  bad({ path: '/${env.MISSING}' }, /path: environment variable MISSING is not set/);
  assert.throws(() => compileRequests([spec({}), spec({})], scope), /two requests are named 'r'/);
  assert.throws(() => compileRequests([], scope), /no requests/);
  assert.throws(() => compileRequests([spec({ weight: 0 })], scope), /weight 0/);
});
