import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pullRequestContext } from '../../../src/github/context.js';

const env = { GITHUB_RUN_ID: '9001', GITHUB_SHA: 'merge-sha' };

function prPayload(headRepo: unknown) {
  return { number: 42, pull_request: { number: 42, head: { sha: 'head-sha', repo: headRepo } } };
}

test('pull_request from the same repository: number, run id, head sha, not a fork', () => {
  const ctx = pullRequestContext(
    'pull_request',
    prPayload({ full_name: 'acme/api' }),
    'acme/api',
    env,
  );
  assert.deepEqual(ctx, {
    owner: 'acme',
    repo: 'api',
    issueNumber: 42,
    runId: 9001,
    sha: 'head-sha',
    isFork: false,
  });
});

test('pull_request from a fork (and from a deleted fork) is marked isFork', () => {
  const fork = pullRequestContext(
    'pull_request',
    prPayload({ full_name: 'mallory/api' }),
    'acme/api',
    env,
  );
  assert.equal(fork?.isFork, true);
  const deleted = pullRequestContext('pull_request', prPayload(null), 'acme/api', env);
  assert.equal(deleted?.isFork, true);
  const caseOnly = pullRequestContext(
    'pull_request',
    prPayload({ full_name: 'ACME/Api' }),
    'acme/api',
    env,
  );
  assert.equal(caseOnly?.isFork, false);
});

test('pull_request_target reads the same payload shape', () => {
  const ctx = pullRequestContext(
    'pull_request_target',
    prPayload({ full_name: 'x/y' }),
    'acme/api',
    env,
  );
  assert.equal(ctx?.issueNumber, 42);
  assert.equal(ctx?.isFork, true);
});

test('workflow_run: the PR from pull_requests[0], run id and sha of the measured run', () => {
  const payload = {
    workflow_run: {
      id: 777,
      head_sha: 'measured-sha',
      head_repository: { full_name: 'acme/api' },
      pull_requests: [{ number: 5 }, { number: 6 }],
    },
  };
  const ctx = pullRequestContext('workflow_run', payload, 'acme/api', env);
  assert.deepEqual(ctx, {
    owner: 'acme',
    repo: 'api',
    issueNumber: 5,
    runId: 777,
    sha: 'measured-sha',
    isFork: false,
  });
});

test('workflow_run from a fork has no pull_requests: null unless the number is passed in', () => {
  const payload = {
    workflow_run: {
      id: 778,
      head_sha: 's',
      head_repository: { full_name: 'mallory/api' },
      pull_requests: [],
    },
  };
  assert.equal(pullRequestContext('workflow_run', payload, 'acme/api', env), null);
  const ctx = pullRequestContext('workflow_run', payload, 'acme/api', env, { issueNumber: 12 });
  assert.equal(ctx?.issueNumber, 12);
  assert.equal(ctx?.runId, 778);
  assert.equal(ctx?.isFork, true);
});

test('events that are not about a pull request, and bad input, give null', () => {
  assert.equal(pullRequestContext('push', { ref: 'refs/heads/main' }, 'acme/api', env), null);
  assert.equal(pullRequestContext('pull_request', {}, 'acme/api', env), null);
  assert.equal(pullRequestContext('pull_request', null, 'acme/api', env), null);
  assert.equal(pullRequestContext('pull_request', prPayload({}), 'not-a-repo', env), null);
});

test('a missing or malformed GITHUB_RUN_ID gives runId null', () => {
  const ctx = pullRequestContext('pull_request', prPayload({ full_name: 'acme/api' }), 'acme/api', {
    GITHUB_RUN_ID: 'abc',
  });
  assert.equal(ctx?.runId, null);
});
