import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyApiError, permissionAdvice, redact } from '../../../src/github/api-errors.js';

function requestError(status: number, message: string) {
  return Object.assign(new Error(`${message} - https://docs.github.com/rest`), {
    status,
    response: { data: { message } },
  });
}

test('403 "Resource not accessible by integration" is a permission failure', () => {
  const f = classifyApiError(requestError(403, 'Resource not accessible by integration'));
  assert.deepEqual(f, {
    status: 403,
    message: 'Resource not accessible by integration',
    permission: true,
  });
});

test('404 is a permission failure; a 403 rate limit and a 502 are not', () => {
  assert.equal(classifyApiError(requestError(404, 'Not Found')).permission, true);
  assert.equal(
    classifyApiError(requestError(403, 'API rate limit exceeded for installation ID 1.'))
      .permission,
    false,
  );
  assert.equal(classifyApiError(requestError(502, 'Server Error')).permission, false);
  assert.deepEqual(classifyApiError(new Error('connect ECONNREFUSED 127.0.0.1:1')), {
    status: null,
    message: 'connect ECONNREFUSED 127.0.0.1:1',
    permission: false,
  });
});

test('the advice names the permission, the fork limitation and the two-workflow fix', () => {
  const f = classifyApiError(requestError(403, 'Resource not accessible by integration'));
  const fork = permissionAdvice(f, true);
  assert.match(fork, /`pull-requests: write`/);
  assert.match(fork, /comes from a fork/);
  assert.match(fork, /`workflow_run` workflow with `mode: report`/);
  assert.match(fork, /Do not use `pull_request_target`/);
  assert.match(fork, /GitHub answered 403 "Resource not accessible by integration"/);
  assert.match(permissionAdvice(f, false), /If this run comes from a fork/);
});

test('anything shaped like a token is redacted from messages', () => {
  const token = 'ghs_' + 'a'.repeat(36);
  assert.equal(redact(`bad credentials for ${token}`), 'bad credentials for ***');
  assert.equal(redact('Authorization: token abcdefgh12345'), 'Authorization: token ***');
  assert.equal(classifyApiError(new Error(`failed with ${token}`)).message, 'failed with ***');
});
