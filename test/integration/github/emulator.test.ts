// The emulator itself: its GitHub-shaped answers, and its checks catching drift from GitHub's
// description in both directions (a client sending a bad request, the emulator a bad response).
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator.js';
import { createOctokit } from '../../../src/github/octokit.js';
import { memoryLogger } from '../../../src/log.js';

let emu: GitHubEmulator;

beforeEach(async () => {
  emu = await startGitHubEmulator();
});

afterEach(async () => {
  await emu.close();
});

async function call(method: string, path: string, body?: unknown, auth = 'token t0k3n') {
  const res = await fetch(emu.url + path, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as unknown };
}

test('lists page like GitHub: per_page, page and Link rel next/last/prev/first', async () => {
  emu.seedComments(
    'acme',
    'api',
    3,
    Array.from({ length: 25 }, (_, i) => `c${i}`),
  );
  const first = await call('GET', '/repos/acme/api/issues/3/comments?per_page=10');
  assert.equal(first.status, 200);
  assert.equal((first.json as unknown[]).length, 10);
  const link = first.headers.get('link') ?? '';
  assert.match(
    link,
    /<http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/api\/issues\/3\/comments\?per_page=10&page=2>; rel="next"/,
  );
  assert.match(link, /page=3>; rel="last"/);
  const last = await call('GET', '/repos/acme/api/issues/3/comments?per_page=10&page=3');
  assert.equal(
    (last.json as { body: string }[]).map((c) => c.body).join(','),
    'c20,c21,c22,c23,c24',
  );
  assert.match(last.headers.get('link') ?? '', /rel="prev".*rel="first"/);
  assert.doesNotMatch(last.headers.get('link') ?? '', /rel="next"/);
  const capped = await call('GET', '/repos/acme/api/issues/3/comments?per_page=500');
  assert.equal((capped.json as unknown[]).length, 25, 'per_page is capped at 100, so all 25 fit');
  assert.equal(first.headers.get('x-ratelimit-resource'), 'core');
  assert.deepEqual(emu.violations, []);
});

test('a malformed response is caught by the OpenAPI check, even when the client accepts it', async () => {
  emu.openPullRequest('acme', 'api', 3);
  const octokit = createOctokit('t0k3n', {
    baseUrl: emu.url,
    log: memoryLogger(),
    backoffUnitMs: 5,
  });
  emu.corruptNextResponse((body) => ({ ...(body as object), id: 'not-a-number', user: undefined }));
  const { data } = await octokit.rest.issues.createComment({
    owner: 'acme',
    repo: 'api',
    issue_number: 3,
    body: 'x',
  });
  assert.equal(data.id as unknown, 'not-a-number', 'octokit itself does not validate');
  const found = emu.violations.join('\n');
  assert.match(
    found,
    /POST \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}\/comments \(issues\/create-comment\) response 201: \$\.id: expected integer, got string/,
  );
  assert.match(found, /required property "user" is missing/);
});

test('malformed requests are recorded as violations', async () => {
  emu.openPullRequest('acme', 'api', 3);
  await call('POST', '/repos/acme/api/issues/3/comments', { text: 'wrong field' });
  await call('GET', '/repos/acme/api/issues/3/comments?perpage=5');
  await call('GET', '/repos/acme/api/issues/three/comments');
  await call('DELETE', '/repos/acme/api/issues/3/comments');
  const found = emu.violations.join('\n');
  assert.match(found, /create-comment\) request body: \$: required property "body" is missing/);
  assert.match(found, /query parameter "perpage" is not in the description/);
  assert.match(found, /path parameter issue_number: expected integer/);
  assert.match(found, /DELETE \/repos\/acme\/api\/issues\/3\/comments: no such operation/);
});

test('an operation GitHub has but the emulator does not emulate is reported, not faked', async () => {
  const res = await call('GET', '/repos/acme/api/pulls/3');
  assert.equal(res.status, 404);
  assert.match(
    emu.violations.join('\n'),
    /GET \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\}: not emulated \(pulls\/get\)/,
  );
});

test('authentication, read-only tokens, the body limit and unknown comments answer as GitHub does', async () => {
  emu.openPullRequest('acme', 'api', 3);
  assert.equal((await call('GET', '/repos/acme/api/issues/3/comments', undefined, '')).status, 401);
  emu.readOnlyToken('fork');
  const denied = await call(
    'POST',
    '/repos/acme/api/issues/3/comments',
    { body: 'x' },
    'token fork',
  );
  assert.equal(denied.status, 403);
  assert.deepEqual(
    (denied.json as { message: string }).message,
    'Resource not accessible by integration',
  );
  assert.equal(
    (await call('GET', '/repos/acme/api/issues/3/comments', undefined, 'token fork')).status,
    200,
  );
  const tooLong = await call('POST', '/repos/acme/api/issues/3/comments', {
    body: 'x'.repeat(65537),
  });
  assert.equal(tooLong.status, 422);
  assert.equal(
    (await call('PATCH', '/repos/acme/api/issues/comments/42', { body: 'x' })).status,
    404,
  );
  const created = await call('POST', '/repos/acme/api/issues/3/comments', { body: 'hello' });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('location'), (created.json as { url: string }).url);
  assert.deepEqual(emu.violations, []);
  assert.deepEqual(
    emu.requests.map((r) => r.auth),
    [null, 'token', 'token', 'token', 'token', 'token'],
  );
});
