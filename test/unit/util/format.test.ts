import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  count,
  formatCount,
  formatGrouped,
  formatPercent,
  formatRatioChange,
  labelled,
  percent,
  plainNumber,
  plural,
} from '../../../src/util/format.js';
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

test('grouped numbers, fixed percentages and plain chart numbers', () => {
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatGrouped(1234.56, 1), '1,234.6');
  assert.equal(formatGrouped(1234, 1), '1,234');
  assert.equal(formatPercent(0.01234, 2), '1.23%');
  assert.equal(formatPercent(0, 2), '0.00%');
  assert.equal(plainNumber(19.849, 1), '19.8');
  assert.equal(plainNumber(20.0, 1), '20');
  assert.equal(plainNumber(Number.NaN, 1), '0');
});

test('percentages in prose: one decimal, two below 0.1%, never "-0.0%"', () => {
  assert.equal(percent(0.1234), '12.3%');
  assert.equal(percent(0.0005), '0.05%');
  assert.equal(percent(-0.05, true), '-5.0%');
  assert.equal(percent(0.05, true), '+5.0%');
  assert.equal(percent(0, true), '+0.0%');
  // A change that rounds to zero keeps no minus sign (it printed "-0.00%" before).
  assert.equal(percent(-0.000001, true), '+0.00%');
  assert.equal(percent(-0.000001), '0.00%');
});

test('whole-percent ratio changes (the sweep)', () => {
  assert.equal(formatRatioChange(112, 100), '+12%');
  assert.equal(formatRatioChange(97, 100), '-3%');
  assert.equal(formatRatioChange(100, 100), '+0%');
  assert.equal(formatRatioChange(5, 0), 'n/a');
});
