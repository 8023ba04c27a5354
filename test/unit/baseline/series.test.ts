import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendEntry,
  decodeSeries,
  parseSeriesText,
  serializeJson,
} from '../../../src/baseline/series.js';
import { seriesFileName } from '../../../src/baseline/names.js';
import { sampleEntry } from './entries.js';

const where = 'items-api.json on branch loadgate-baselines';

test('a valid series round-trips through JSON', () => {
  const series = appendEntry(null, 'items-api', sampleEntry('a1'), 50);
  const back = parseSeriesText(serializeJson(series), 'items-api', where);
  assert.equal(back.status, 'ok');
  assert.equal(back.warning, null);
  assert.deepEqual(back.series, series);
});

test('partial JSON is a warning naming the file, never a throw', () => {
  const text = serializeJson(appendEntry(null, 'items-api', sampleEntry('a1'), 50));
  const r = parseSeriesText(text.slice(0, text.length / 2), 'items-api', where);
  assert.equal(r.series, null);
  assert.equal(r.status, 'corrupt');
  assert.match(
    r.warning ?? '',
    /^items-api\.json on branch loadgate-baselines is not valid JSON \(.+\); the baseline is treated as missing$/,
  );
});

test('older, unknown and newer schemas are told apart', () => {
  const old = decodeSeries({ name: 'x', entries: [] }, 'x', where);
  assert.equal(old.status, 'old-schema');
  assert.match(old.warning ?? '', /has no schema, an older or unknown format/);
  const weird = decodeSeries({ schema: '1', entries: [] }, 'x', where);
  assert.equal(weird.status, 'old-schema');
  const newer = decodeSeries({ schema: 2, name: 'x', entries: [] }, 'x', where);
  assert.equal(newer.status, 'newer-schema');
  assert.match(newer.warning ?? '', /schema 2, written by a newer loadgate .* left untouched/);
  assert.equal(decodeSeries([1, 2], 'x', where).status, 'corrupt');
  assert.equal(decodeSeries({ schema: 1 }, 'x', where).status, 'corrupt');
});

test('malformed entries are dropped with a count; the rest is kept', () => {
  const good = sampleEntry('a1');
  const r = decodeSeries(
    { schema: 1, name: 'x', entries: [good, { commit: 'b' }, { ...good, rounds: 'no' }] },
    'x',
    where,
  );
  assert.equal(r.status, 'ok');
  assert.equal(r.series?.entries.length, 1);
  assert.match(r.warning ?? '', /2 of 3 entries of series "x" are malformed/);
});

test('unknown fields of an entry survive (written by a newer loadgate of the same schema)', () => {
  const r = decodeSeries(
    { schema: 1, name: 'x', entries: [{ ...sampleEntry('a1'), extra: { gc: 3 } }] },
    'x',
    where,
  );
  assert.deepEqual((r.series?.entries[0] as unknown as Record<string, unknown>).extra, { gc: 3 });
});

test('appendEntry keeps the newest `history` entries, oldest first', () => {
  let s = null;
  for (let i = 0; i < 7; i++) s = appendEntry(s, 'x', sampleEntry(`c${i}`), 3);
  assert.deepEqual(
    s?.entries.map((e) => e.commit),
    ['c4', 'c5', 'c6'],
  );
  assert.equal(appendEntry(s, 'x', sampleEntry('c7'), 0).entries.length, 1);
});

test('series file names are safe and distinct', () => {
  assert.equal(seriesFileName('items-api'), 'items-api.json');
  assert.match(seriesFileName('Items API'), /^items-api-[0-9a-f]{8}\.json$/);
  assert.notEqual(seriesFileName('items api'), seriesFileName('items-api'));
  assert.notEqual(seriesFileName('Items API'), seriesFileName('items api'));
  assert.match(seriesFileName('../../etc/passwd'), /^etc-passwd-[0-9a-f]{8}\.json$/);
  assert.match(seriesFileName('日本'), /^series-[0-9a-f]{8}\.json$/);
  assert.match(seriesFileName('x'.repeat(300)), /^x{80}-[0-9a-f]{8}\.json$/);
});
