import assert from 'node:assert/strict';
import { test } from 'node:test';
import { count, labelled, plural } from '../../../src/util/plural.js';
import { describeLoad } from '../../../src/report/format.js';
import { renderText } from '../../../src/report/index.js';
import { buildReport } from '../report/fixtures.js';

test('counted nouns', () => {
  assert.equal(count(1, 'entry', 'entries'), '1 entry');
  assert.equal(count(0, 'entry', 'entries'), '0 entries');
  assert.equal(count(1, 'round'), '1 round');
  assert.equal(count(3, 'copy', 'copies'), '3 copies');
  assert.equal(plural(2, 'run'), 'runs');
});

test('a label is not repeated when the text already starts with it', () => {
  assert.equal(labelled('regression', 'Regression: p95 rose 20%'), 'Regression: p95 rose 20%');
  assert.equal(labelled('pass', 'no change beyond noise'), 'pass: no change beyond noise');
});

test('the report says "1 round" and "1 copy"', () => {
  const r = buildReport({ rounds: 1, server: 'spawn' });
  r.load.rounds = 1;
  if (r.server) r.server.workers = 1;
  assert.match(describeLoad(r), /\(1 round of /);
  assert.match(renderText(r, { color: false }), /loadgate started 1 copy\b/);
});
