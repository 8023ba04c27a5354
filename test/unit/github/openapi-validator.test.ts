// Tests the emulator's checks themselves: if these pass silently on bad data, the emulator's
// "no violations" would prove nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSchema, type Schema } from '../../support/github/schema-validator.js';
import { githubSpec } from '../../support/github/openapi-spec.js';
import { CommentStore, commentJson } from '../../support/github/comment-store.js';

const components: Record<string, Schema> = {
  '#/components/schemas/point': {
    type: 'object',
    required: ['x'],
    properties: { x: { type: 'integer' }, label: { type: 'string', nullable: true } },
  },
};
const resolve = (ref: string): Schema => {
  const s = components[ref];
  if (!s) throw new Error(`no ${ref}`);
  return s;
};
const check = (schema: Schema, value: unknown) => validateSchema(schema, value, resolve);

test('types, required properties, nullable and $ref', () => {
  const ref = { $ref: '#/components/schemas/point' };
  assert.deepEqual(check(ref, { x: 1, label: null }), []);
  assert.match(check(ref, { x: 1.5 })[0] ?? '', /\$\.x: expected integer, got number/);
  assert.match(check(ref, {})[0] ?? '', /required property "x" is missing/);
  assert.match(check(ref, null)[0] ?? '', /null is not allowed/);
  assert.match(
    check({ type: 'array', items: ref }, [{ x: 1 }, { x: 'no' }])[0] ?? '',
    /\$\[1\]\.x/,
  );
});

test('enum, formats, string and number bounds', () => {
  assert.deepEqual(check({ type: 'string', enum: ['A', 'B'] }, 'A'), []);
  assert.equal(check({ type: 'string', enum: ['A', 'B'] }, 'C').length, 1);
  assert.deepEqual(check({ type: 'string', nullable: true, enum: ['A'] }, null), []);
  assert.equal(check({ type: 'string', format: 'date-time' }, '2026-01-01 10:00').length, 1);
  assert.deepEqual(check({ type: 'string', format: 'date-time' }, '2026-01-01T10:00:00Z'), []);
  assert.equal(check({ type: 'string', format: 'uri' }, 'not a uri').length, 1);
  assert.equal(check({ type: 'string', maxLength: 3, pattern: '^a' }, 'bcde').length, 2);
  assert.equal(check({ type: 'integer', minimum: 1, maximum: 100 }, 0).length, 1);
});

test('oneOf wants exactly one branch; anyOf at least one; allOf all', () => {
  const oneOf = { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'number' }] };
  assert.deepEqual(check(oneOf, 'a'), []);
  assert.match(check(oneOf, 3)[0] ?? '', /matches 2 branches of oneOf/);
  assert.match(check(oneOf, true)[0] ?? '', /matches no branch of oneOf/);
  assert.equal(check({ anyOf: [{ type: 'string' }, { type: 'integer' }] }, 1).length, 0);
  assert.equal(check({ allOf: [{ type: 'integer' }, { minimum: 5 }] }, 3).length, 1);
});

test('a schema keyword the validator does not know is an error, not a silent pass', () => {
  assert.match(
    check({ type: 'string', if: { const: 'x' } }, 'x')[0] ?? '',
    /does not support the schema keyword "if"/,
  );
  assert.deepEqual(
    check({ type: 'string', description: 'd', example: 'e', 'x-github': {} }, 'x'),
    [],
  );
});

test('paths resolve to GitHub operations, literal segments first', () => {
  const spec = githubSpec();
  assert.equal(
    spec.match('GET', '/repos/o/r/issues/7/comments')?.operation.operationId,
    'issues/list-comments',
  );
  assert.equal(
    spec.match('POST', '/repos/o/r/issues/7/comments')?.operation.operationId,
    'issues/create-comment',
  );
  assert.equal(
    spec.match('GET', '/repos/o/r/issues/comments')?.operation.operationId,
    'issues/list-comments-for-repo',
  );
  const update = spec.match('PATCH', '/repos/o/r/issues/comments/55');
  assert.equal(update?.operation.operationId, 'issues/update-comment');
  assert.deepEqual(update?.pathParams, { owner: 'o', repo: 'r', comment_id: '55' });
  assert.equal(spec.match('PUT', '/repos/o/r/issues/7/comments'), null);
  assert.equal(spec.match('GET', '/no/such/endpoint'), null);
});

test('a well-formed comment passes; malformed responses are caught with their location', () => {
  const spec = githubSpec();
  const op = spec.match('PATCH', '/repos/o/r/issues/comments/1')!.operation;
  const store = new CommentStore();
  store.openPullRequest('o', 'r', 1);
  const good = commentJson(
    store.create('o', 'r', 1, 'hi', 'github-actions[bot]'),
    'http://127.0.0.1:1',
  );
  const json = 'application/json; charset=utf-8';
  assert.deepEqual(spec.checkResponse(op, 200, json, JSON.stringify(good)), []);

  const idAsString = { ...good, id: String(good['id']) };
  assert.match(
    spec.checkResponse(op, 200, json, JSON.stringify(idAsString)).join('\n'),
    /\.id: expected integer, got string/,
  );
  const { user: _user, ...noUser } = good;
  assert.match(
    spec.checkResponse(op, 200, json, JSON.stringify(noUser)).join('\n'),
    /required property "user" is missing/,
  );
  const badEnum = { ...good, author_association: 'FRIEND' };
  assert.match(
    spec.checkResponse(op, 200, json, JSON.stringify(badEnum)).join('\n'),
    /author_association: "FRIEND" is not one of/,
  );
  const badUser = { ...good, user: { ...(good['user'] as object), site_admin: 'no' } };
  assert.match(
    spec.checkResponse(op, 200, json, JSON.stringify(badUser)).join('\n'),
    /\.user\.site_admin: expected boolean/,
  );
  assert.match(
    spec.checkResponse(op, 200, 'text/html', JSON.stringify(good)).join('\n'),
    /content-type text\/html/,
  );
  assert.match(spec.checkResponse(op, 200, json, '<html>').join('\n'), /body is not JSON/);
  assert.match(spec.checkResponse(op, 418, json, '{}').join('\n'), /status 418 is not declared/);
  // Any endpoint may answer 403 with GitHub's basic-error body.
  assert.deepEqual(spec.checkResponse(op, 403, json, JSON.stringify({ message: 'Forbidden' })), []);
  assert.equal(spec.checkResponse(op, 403, json, JSON.stringify({ message: 403 })).length, 1);
});

test('malformed requests are caught: body, path and query parameters', () => {
  const spec = githubSpec();
  const json = 'application/json; charset=utf-8';
  const create = spec.match('POST', '/repos/o/r/issues/7/comments')!;
  assert.deepEqual(spec.checkRequest(create, new URLSearchParams(), json, '{"body":"hi"}'), []);
  assert.match(
    spec.checkRequest(create, new URLSearchParams(), json, '{"text":"hi"}').join('\n'),
    /required property "body"/,
  );
  assert.match(
    spec.checkRequest(create, new URLSearchParams(), json, '{"body":5}').join('\n'),
    /\.body: expected string/,
  );
  assert.match(
    spec.checkRequest(create, new URLSearchParams(), json, '').join('\n'),
    /request body is required/,
  );

  const list = spec.match('GET', '/repos/o/r/issues/seven/comments')!;
  assert.match(
    spec.checkRequest(list, new URLSearchParams(), undefined, '').join('\n'),
    /issue_number: expected integer/,
  );
  const ok = spec.match('GET', '/repos/o/r/issues/7/comments')!;
  assert.deepEqual(
    spec.checkRequest(ok, new URLSearchParams('per_page=100&page=2'), undefined, ''),
    [],
  );
  assert.match(
    spec.checkRequest(ok, new URLSearchParams('perpage=100'), undefined, '').join('\n'),
    /query parameter "perpage" is not in the description/,
  );
  assert.match(
    spec.checkRequest(ok, new URLSearchParams('page=two'), undefined, '').join('\n'),
    /page: expected integer/,
  );
  assert.match(
    spec.checkRequest(ok, new URLSearchParams(), undefined, '{"x":1}').join('\n'),
    /takes none/,
  );
});
