import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectBaselineEntries } from '../../../src/stats/select.js';
import { entryOf, RUNNER } from './fixtures.js';

const other = { ...RUNNER, cpuModel: 'Other CPU' };
const round = { rps: 1000, p50: 2, p95: 5, p99: 9, errorRate: 0 };
const e = (i: number, over: Parameters<typeof entryOf>[2] = {}) =>
  entryOf([round], [], { commit: `c${i}`, ...over });

test('nothing stored: nothing selected, nothing to say', () => {
  assert.deepEqual(selectBaselineEntries([], 'scenario-1', RUNNER), {
    entries: [],
    sameRunner: false,
    note: null,
  });
});

test('a changed scenario makes the history incomparable, and says so', () => {
  const s = selectBaselineEntries(
    [e(1, { scenarioHash: 'old' }), e(2, { scenarioHash: 'old' })],
    'scenario-1',
    RUNNER,
  );
  assert.equal(s.entries.length, 0);
  assert.match(s.note ?? '', /scenario changed since the baseline \(2 stored run\(s\)/);
});

test('enough same-runner entries: only those are used', () => {
  const entries = [e(1), e(2, { runner: other }), e(3), e(4), e(5, { scenarioHash: 'old' })];
  const s = selectBaselineEntries(entries, 'scenario-1', RUNNER);
  assert.deepEqual(
    s.entries.map((x) => x.commit),
    ['c1', 'c3', 'c4'],
  );
  assert.equal(s.sameRunner, true);
  assert.match(
    s.note ?? '',
    /1 stored run\(s\) of another scenario ignored; using the 3 stored run\(s\) from this runner type/,
  );
});

test('too few same-runner entries: all are used and the mismatch is stated', () => {
  const s = selectBaselineEntries(
    [e(1, { runner: other }), e(2), e(3, { runner: other })],
    'scenario-1',
    RUNNER,
  );
  assert.equal(s.entries.length, 3);
  assert.equal(s.sameRunner, false);
  assert.match(
    s.note ?? '',
    /runner mismatch: 2 of 3 stored run\(s\) come from another runner \(Other CPU, 2 cores/,
  );
});

test('all from the same runner: no note; long histories keep the latest runs', () => {
  const all = Array.from({ length: 25 }, (_, i) => e(i));
  const s = selectBaselineEntries(all.slice(0, 4), 'scenario-1', RUNNER);
  assert.equal(s.note, null);
  const long = selectBaselineEntries(all, 'scenario-1', RUNNER, 20);
  assert.equal(long.entries.length, 20);
  assert.equal(long.entries[0]?.commit, 'c5');
  assert.equal(long.entries.at(-1)?.commit, 'c24');
  assert.match(long.note ?? '', /latest 20 of 25/);
});

test('the same runner kind despite another kernel build or Node patch release', () => {
  const updated = { ...RUNNER, os: 'Ubuntu 24.04.1 LTS (6.8.0-1099-azure)', node: 'v24.99.0' };
  const mine = { ...RUNNER, os: 'Ubuntu 24.04.1 LTS (6.8.0-1017-azure)', node: 'v24.11.1' };
  const entries = [e(1, { runner: updated }), e(2, { runner: updated }), e(3, { runner: mine })];
  const s = selectBaselineEntries(entries, 'scenario-1', mine);
  assert.equal(s.entries.length, 3);
  assert.equal(s.sameRunner, true);
  assert.equal(s.note, null);
  const otherNode = { ...mine, node: 'v20.18.0' };
  const otherOs = { ...mine, os: 'Ubuntu 22.04.5 LTS (6.5.0-1025-azure)' };
  for (const runner of [otherNode, otherOs]) {
    const mixed = selectBaselineEntries(entries, 'scenario-1', runner);
    assert.equal(mixed.sameRunner, false, runner.os + runner.node);
  }
});

test('stored runs without rounds are skipped and said to be, so the report and trend agree', () => {
  const s = selectBaselineEntries([e(1), e(2, { rounds: [] }), e(3)], 'scenario-1', RUNNER);
  assert.deepEqual(
    s.entries.map((x) => x.commit),
    ['c1', 'c3'],
  );
  assert.equal(s.note, '1 stored run(s) without rounds ignored');
  const none = selectBaselineEntries([e(1, { rounds: [] })], 'scenario-1', RUNNER);
  assert.deepEqual(none, {
    entries: [],
    sameRunner: false,
    note: '1 stored run(s) without rounds ignored',
  });
});
