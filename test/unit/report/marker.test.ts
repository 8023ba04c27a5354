import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  commentMarker,
  parseMarker,
  supersedes,
  verdictMarker,
} from '../../../src/report/index.js';
import { formatRunMetadata, parseRunMetadata } from '../../../src/github/run-metadata.js';

describe('comment markers', () => {
  it('names the series and job in a hidden comment', () => {
    assert.equal(commentMarker('items-api', 'job'), '<!-- loadgate:items-api:job -->');
    assert.equal(commentMarker('items-api'), '<!-- loadgate:items-api -->');
  });

  it('round-trips name, job, run, attempt, commit and verdict', () => {
    const body = [
      commentMarker('items-api', 'bench', { runId: 9_876_543_210, runAttempt: 2, sha: 'abc123' }),
      verdictMarker('regression'),
      '',
      '### ❌ loadgate · items-api',
    ].join('\n');
    assert.deepEqual(parseMarker(body), {
      name: 'items-api',
      job: 'bench',
      runId: 9_876_543_210,
      runAttempt: 2,
      sha: 'abc123',
      verdict: 'regression',
    });
  });

  it('encodes names that could end the comment or split the fields', () => {
    for (const name of ['a:b', 'x --> <script>', 'spaces and ünïcode', 'a%2Fb']) {
      const marker = commentMarker(name, 'job: 1');
      assert.equal(marker.indexOf('-->'), marker.length - 3, `${name}: only the closing -->`);
      assert.equal(parseMarker(`text\n${marker}\nmore`)?.name, name);
      assert.equal(parseMarker(marker)?.job, 'job: 1');
    }
    // Without a job, a series marker does not match another job's marker, nor the reverse.
    assert.ok(!commentMarker('api', 'a').includes(commentMarker('api')));
    assert.ok(!commentMarker('api').includes(commentMarker('api', 'a')));
  });

  it('returns null without a marker, and nulls for unreadable run data', () => {
    assert.equal(parseMarker('just a comment'), null);
    assert.equal(parseMarker('<!-- loadgate-run: {"runId":1} -->'), null);
    const p = parseMarker(
      '<!-- loadgate:api -->\n<!-- loadgate-run: {"runId":"x", oops} -->\n<!-- loadgate-verdict: hacked -->',
    );
    assert.deepEqual(p, {
      name: 'api',
      job: null,
      runId: null,
      runAttempt: null,
      sha: null,
      verdict: null,
    });
  });

  it('shares the run record format with src/github/run-metadata.ts', () => {
    const ours = commentMarker('api', undefined, { runId: 42, sha: 'deadbeef' });
    assert.deepEqual(parseRunMetadata(ours), { runId: 42, sha: 'deadbeef' });
    const theirs = `${commentMarker('api')}\n${formatRunMetadata({ runId: 43, sha: 'cafe' })}`;
    assert.equal(parseMarker(theirs)?.runId, 43);
    assert.equal(parseMarker(theirs)?.sha, 'cafe');
  });

  it('never lets an older run replace a newer one', () => {
    assert.equal(supersedes({ runId: 101 }, { runId: 100 }), true);
    assert.equal(supersedes({ runId: 100, runAttempt: 3 }, { runId: 101 }), false);
    assert.equal(supersedes({ runId: 100, runAttempt: 2 }, { runId: 100, runAttempt: 1 }), true);
    assert.equal(supersedes({ runId: 100, runAttempt: 1 }, { runId: 100, runAttempt: 2 }), false);
    assert.equal(supersedes({ runId: 100 }, { runId: 100 }), true, 'the same run may re-render');
    assert.equal(supersedes({ runId: 5 }, {}), true, 'unknown history never blocks');
    assert.equal(supersedes({}, { runId: 5 }), true);
  });
});
