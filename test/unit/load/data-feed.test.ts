import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  csvRows,
  jsonRows,
  loadDataFeed,
  parseCsv,
  rowPicker,
} from '../../../src/load/data-feed.js';
import { createRng } from '../../../src/load/rng.js';
import { ScenarioError } from '../../../src/errors.js';

test('CSV: quotes, doubled quotes, commas and newlines inside quotes, CRLF, BOM', () => {
  const text = '\ufeffid,name\r\n1,"Smith, J"\r\n2,"say ""hi"""\n3,"two\nlines"\n';
  assert.deepEqual(parseCsv(text), [
    ['id', 'name'],
    ['1', 'Smith, J'],
    ['2', 'say "hi"'],
    ['3', 'two\nlines'],
  ]);
  const d = csvRows(text);
  assert.deepEqual(d.columns, ['id', 'name']);
  assert.deepEqual(d.rows[1], { id: '2', name: 'say "hi"' });
});

test('CSV: a line with the wrong number of fields names its line', () => {
  assert.throws(() => csvRows('a,b\n1,2\n3\n'), /line 3 has 1 fields, the header has 2/);
  assert.throws(() => parseCsv('a\n"open'), /unclosed/);
});

test('JSON: array of objects, values as strings', () => {
  const d = jsonRows('[{"id":1,"tags":["a"]},{"id":2,"name":"x"}]');
  assert.deepEqual(d.columns, ['id', 'tags', 'name']);
  assert.deepEqual(d.rows, [
    { id: '1', tags: '["a"]' },
    { id: '2', name: 'x' },
  ]);
  assert.throws(() => jsonRows('{"id":1}'), /array of objects/);
  assert.throws(() => jsonRows('[1]'), /item 0 is not an object/);
});

test('loading: unreadable, malformed or empty files are ScenarioErrors naming the file', async () => {
  const missing = async () => {
    throw new Error('ENOENT: no such file');
  };
  await assert.rejects(
    loadDataFeed({ file: '/x/users.csv', format: 'csv', order: 'sequential' }, missing),
    (e: Error) => {
      return (
        e instanceof ScenarioError &&
        /data feed \/x\/users\.csv cannot be read: ENOENT/.test(e.message)
      );
    },
  );
  await assert.rejects(
    loadDataFeed({ file: '/x/u.json', format: 'json', order: 'random' }, async () => '{'),
    /data feed \/x\/u\.json: not valid JSON/,
  );
  await assert.rejects(
    loadDataFeed({ file: '/x/e.csv', format: 'csv', order: 'random' }, async () => 'id\n'),
    /has no rows/,
  );
});

test('rows: sequential wraps around by seq; random covers the rows and repeats with the seed', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const seq = rowPicker(rows, 'sequential', createRng(1));
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((s) => seq(s).id),
    ['a', 'b', 'c', 'a', 'b'],
  );
  const draw = (seed: number) => {
    const pick = rowPicker(rows, 'random', createRng(seed));
    return Array.from({ length: 60 }, (_, i) => pick(i + 1).id);
  };
  assert.deepEqual(new Set(draw(3)), new Set(['a', 'b', 'c']));
  assert.deepEqual(draw(3), draw(3));
});
