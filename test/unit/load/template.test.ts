import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTemplate, jsonStringEscape, TemplateError } from '../../../src/load/template.js';
import type { TemplateScope } from '../../../src/load/template.js';
import { createRng } from '../../../src/load/rng.js';

const scope: TemplateScope = {
  env: { TOKEN: 's3cret' },
  vars: { tenant: 'acme' },
  captures: { token: 'abc' },
  columns: new Set(['id', 'name']),
};
const ctx = (seq = 1, row: Record<string, string> | null = { id: '7', name: 'Ann' }) => ({
  seq,
  row,
  rng: createRng(1),
});

test('env, vars and captures fold into a constant at compile time', () => {
  const t = compileTemplate('/t/${vars.tenant}?k=${env.TOKEN}&c=${token}', scope);
  assert.equal(t.constant, '/t/acme?k=s3cret&c=abc');
  assert.equal(t.render(ctx()), '/t/acme?k=s3cret&c=abc');
});

test('per-request parts render from the context', () => {
  const t = compileTemplate('/items/${data.id}/${seq}-${data.name}', scope);
  assert.equal(t.constant, null);
  assert.equal(t.render(ctx(5)), '/items/7/5-Ann');
  assert.equal(t.render(ctx(6, { id: '8', name: 'Bo' })), '/items/8/6-Bo');
});

test('$${ is a literal ${', () => {
  assert.equal(compileTemplate('cost: $${x}', scope).constant, 'cost: ${x}');
});

test('randomInt stays in range and repeats with the same seed', () => {
  const t = compileTemplate('${randomInt(3,5)}', scope);
  const draw = (seed: number) => {
    const c = { seq: 1, row: null, rng: createRng(seed) };
    return Array.from({ length: 200 }, () => Number(t.render(c)));
  };
  const a = draw(42);
  assert.ok(a.every((v) => v >= 3 && v <= 5));
  assert.deepEqual(new Set(a), new Set([3, 4, 5]));
  assert.deepEqual(a, draw(42));
  assert.notDeepEqual(a, draw(43));
});

test('uuid has the version-4 shape and differs per call', () => {
  const t = compileTemplate('${uuid}', scope);
  const c = ctx();
  const a = t.render(c);
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, t.render(c));
});

test('missing references are errors that name them', () => {
  assert.throws(
    () => compileTemplate('${env.NOPE}', scope),
    (e: Error) => e instanceof TemplateError && /NOPE is not set/.test(e.message),
  );
  assert.throws(() => compileTemplate('${vars.nope}', scope), /vars\.nope/);
  assert.throws(() => compileTemplate('${data.age}', scope), /no column age \(has id, name\)/);
  assert.throws(
    () => compileTemplate('${data.id}', { ...scope, columns: null }),
    /needs a data feed/,
  );
  assert.throws(() => compileTemplate('${later}', scope), /\$\{later\} was not captured/);
  assert.throws(() => compileTemplate('${what(1)}', scope), /unknown template/);
});

test('substituted values can be escaped for JSON strings', () => {
  const t = compileTemplate(JSON.stringify({ name: '${data.name}' }), scope, jsonStringEscape);
  const out = t.render(ctx(1, { id: '1', name: 'say "hi"\n' }));
  assert.deepEqual(JSON.parse(out), { name: 'say "hi"\n' });
});
