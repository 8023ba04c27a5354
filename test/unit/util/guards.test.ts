import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errnoCode, isRecord, readPath } from '../../../src/util/guards.js';

test('isRecord: a non-null object that is not an array', () => {
  assert.equal(isRecord({ a: 1 }), true);
  assert.equal(isRecord(Object.create(null)), true);
  for (const v of [null, undefined, [], 'x', 1, true]) assert.equal(isRecord(v), false);
});

test('readPath walks objects by key and arrays by index', () => {
  const body = { data: { items: [{ id: 7 }, { id: 8 }] }, n: null };
  assert.equal(readPath(body, ['data', 'items', '1', 'id']), 8);
  assert.equal(readPath(body, ['data', 'items', 0, 'id']), 7);
  assert.deepEqual(readPath(body, []), body);
  assert.equal(readPath(body, ['data', 'missing', 'id']), undefined);
  assert.equal(readPath(body, ['n', 'x']), undefined);
  assert.equal(readPath(body, ['data', 'items', '01']), undefined, 'not an index');
  assert.equal(readPath(body, ['data', 'items', 'length']), undefined, 'only indexes of arrays');
  assert.equal(readPath(body, ['toString']), undefined, 'only own keys');
  assert.equal(readPath('text', ['length']), undefined, 'not into primitives');
});

test('errnoCode: the code of a failed system call, nothing else', () => {
  const e = Object.assign(new Error('no such file'), { code: 'ENOENT' });
  assert.equal(errnoCode(e), 'ENOENT');
  assert.equal(errnoCode(new Error('plain')), undefined);
  assert.equal(errnoCode({ code: 'ENOENT' }), undefined);
  assert.equal(errnoCode(null), undefined);
});
