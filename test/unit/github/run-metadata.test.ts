import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatRunMetadata,
  isNewerRun,
  parseRunMetadata,
  withRunMetadata,
} from '../../../src/github/run-metadata.js';

test('the run record round-trips through a comment body', () => {
  const body = withRunMetadata('<!-- loadgate: api -->\n# Result', { runId: 123, sha: 'abc123' });
  assert.match(body, /<!-- loadgate-run: \{"runId":123,"sha":"abc123"\} -->/);
  assert.deepEqual(parseRunMetadata(body), { runId: 123, sha: 'abc123' });
});

test('an existing record is replaced, never duplicated', () => {
  const once = withRunMetadata('body', { runId: 1, sha: 'a' });
  const twice = withRunMetadata(once, { runId: 2, sha: 'b' });
  assert.equal(twice.match(/loadgate-run:/g)?.length, 1);
  assert.deepEqual(parseRunMetadata(twice), { runId: 2, sha: 'b' });
});

test('unreadable or absent records parse as null; odd values become null fields', () => {
  assert.equal(parseRunMetadata('no record here'), null);
  assert.equal(parseRunMetadata('<!-- loadgate-run: {not json} -->'), null);
  assert.deepEqual(parseRunMetadata('<!-- loadgate-run: {"runId":"7","sha":5} -->'), {
    runId: null,
    sha: null,
  });
});

test('a sha that contains "--" cannot end the HTML comment early', () => {
  const record = formatRunMetadata({ runId: 1, sha: 'a-->b' });
  assert.equal(record.indexOf('-->'), record.length - 3);
  assert.deepEqual(parseRunMetadata(record), { runId: 1, sha: 'a-->b' });
});

test('newer-run ordering: only a higher known run id blocks', () => {
  assert.equal(isNewerRun({ runId: 10, sha: null }, { runId: 9, sha: null }), true);
  assert.equal(isNewerRun({ runId: 10, sha: null }, { runId: 10, sha: null }), false);
  assert.equal(isNewerRun({ runId: 10, sha: null }, { runId: 11, sha: null }), false);
  assert.equal(isNewerRun(null, { runId: 1, sha: null }), false);
  assert.equal(isNewerRun({ runId: null, sha: 'x' }, { runId: 1, sha: null }), false);
  assert.equal(isNewerRun({ runId: 10, sha: null }, { runId: null, sha: null }), false);
});
