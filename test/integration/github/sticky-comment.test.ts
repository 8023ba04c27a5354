// The sticky PR comment against the GitHub REST emulator (real HTTP on 127.0.0.1, every
// request and response validated against GitHub's OpenAPI description).
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator.js';
import { createOctokit } from '../../../src/github/octokit.js';
import {
  upsertStickyComment,
  type StickyCommentInput,
} from '../../../src/github/sticky-comment.js';
import type { PullRequestContext } from '../../../src/github/context.js';
import { memoryLogger } from '../../../src/log.js';

const TOKEN = 'ghs_' + 'S3cr3tT0k3n'.repeat(4);
const MARKER = '<!-- loadgate: items-api -->';
const ctx: PullRequestContext = {
  owner: 'acme',
  repo: 'api',
  issueNumber: 7,
  runId: 100,
  sha: 'aaa',
  isFork: false,
};

let emu: GitHubEmulator;
let log: ReturnType<typeof memoryLogger>;

beforeEach(async () => {
  emu = await startGitHubEmulator();
  emu.openPullRequest('acme', 'api', 7);
  log = memoryLogger();
});

afterEach(async () => {
  assert.deepEqual(
    emu.violations,
    [],
    'every request and response matched the OpenAPI description',
  );
  assert.ok(!log.lines.some((l) => l.includes(TOKEN)), 'the token is never logged');
  await emu.close();
});

function client(token = TOKEN) {
  return createOctokit(token, { baseUrl: emu.url, log, backoffUnitMs: 5 });
}

function input(over: Partial<StickyCommentInput> = {}): StickyCommentInput {
  const runId = over.runId ?? 100;
  return {
    marker: MARKER,
    body: `${MARKER}\n## loadgate: pass (run ${runId})`,
    mode: 'always',
    isRegression: false,
    runId,
    sha: 'aaa',
    ...over,
  };
}

function ours() {
  return emu.comments('acme', 'api', 7).filter((c) => c.body.includes(MARKER));
}

test('create, then update in place through 3 pages of 250 other comments: never a duplicate', async () => {
  emu.seedComments(
    'acme',
    'api',
    7,
    Array.from({ length: 250 }, (_, i) => `review comment ${i}`),
  );
  const octokit = client();
  const first = await upsertStickyComment(octokit, ctx, input({ runId: 100 }), log);
  assert.equal(first.action, 'created');
  assert.match(first.url ?? '', /^https:\/\/github\.com\/acme\/api\/pull\/7#issuecomment-\d+$/);

  const second = await upsertStickyComment(
    octokit,
    { ...ctx, runId: 101 },
    input({ runId: 101 }),
    log,
  );
  assert.equal(second.action, 'updated');
  assert.equal(second.url, first.url);
  assert.equal(ours().length, 1);
  assert.match(ours()[0]?.body ?? '', /run 101/);
  assert.match(ours()[0]?.body ?? '', /<!-- loadgate-run: \{"runId":101,"sha":"aaa"\} -->/);

  // The second lookup read every page (the marker sits on page 3) before patching.
  const lists = emu.requests.filter((r) => r.operationId === 'issues/list-comments').slice(-3);
  assert.deepEqual(
    lists.map((r) => new URL(r.path, emu.url).searchParams.get('page') ?? '1'),
    ['1', '2', '3'],
  );
  assert.ok(lists.every((r) => r.path.includes('per_page=100')));
  assert.equal(emu.requests.filter((r) => r.method === 'POST').length, 1);
  assert.equal(emu.requests.filter((r) => r.method === 'PATCH').length, 1);
});

test('an older run never overwrites a newer run; a rerun of the same run does', async () => {
  const octokit = client();
  await upsertStickyComment(
    octokit,
    ctx,
    input({ runId: 200, body: `${MARKER}\nnewer result` }),
    log,
  );

  const older = await upsertStickyComment(
    octokit,
    ctx,
    input({ runId: 150, body: `${MARKER}\nolder` }),
    log,
  );
  assert.equal(older.action, 'skipped');
  assert.match(older.reason ?? '', /newer run \(200\) than this one \(150\)/);
  assert.ok(older.url, 'points at the newer comment');
  assert.match(ours()[0]?.body ?? '', /newer result/);

  const rerun = await upsertStickyComment(
    octokit,
    ctx,
    input({ runId: 200, body: `${MARKER}\nrerun` }),
    log,
  );
  assert.equal(rerun.action, 'updated');
  assert.match(ours()[0]?.body ?? '', /rerun/);
  assert.equal(ours().length, 1);
});

test('on-regression: nothing without a regression, a comment on one, and "fixed" replaces the alert', async () => {
  const octokit = client();
  const quiet = await upsertStickyComment(octokit, ctx, input({ mode: 'on-regression' }), log);
  assert.equal(quiet.action, 'skipped');
  assert.equal(emu.requests.filter((r) => r.method !== 'GET').length, 0);

  const alert = await upsertStickyComment(
    octokit,
    ctx,
    input({
      mode: 'on-regression',
      isRegression: true,
      runId: 101,
      body: `${MARKER}\nregression: p95 +40%`,
    }),
    log,
  );
  assert.equal(alert.action, 'created');

  const fixed = await upsertStickyComment(
    octokit,
    ctx,
    input({
      mode: 'on-regression',
      isRegression: false,
      runId: 102,
      body: `${MARKER}\nfixed: p95 back to baseline`,
    }),
    log,
  );
  assert.equal(fixed.action, 'updated');
  assert.equal(ours().length, 1);
  assert.match(ours()[0]?.body ?? '', /fixed: p95 back to baseline/);
  assert.doesNotMatch(ours()[0]?.body ?? '', /regression: p95/);
});

test('never: skipped without a single API call', async () => {
  const result = await upsertStickyComment(
    client(),
    ctx,
    input({ mode: 'never', isRegression: true }),
    log,
  );
  assert.equal(result.action, 'skipped');
  assert.equal(emu.requests.length, 0);
});

test('a fork PR (read-only token): failed with the permission and the fix, warned once, no throw', async () => {
  const forkToken = 'ghs_' + 'F0rkT0k3n'.repeat(5);
  emu.readOnlyToken(forkToken);
  const octokit = client(forkToken);
  const forkCtx = { ...ctx, isFork: true };
  const result = await upsertStickyComment(octokit, forkCtx, input(), log);
  assert.equal(result.action, 'failed');
  assert.equal(result.url, null);
  assert.match(result.reason ?? '', /Resource not accessible by integration/);
  assert.match(result.reason ?? '', /`pull-requests: write`/);
  assert.match(result.reason ?? '', /`workflow_run` workflow with `mode: report`/);
  // A second series in the same run fails the same way without repeating the warning.
  const other = await upsertStickyComment(
    octokit,
    forkCtx,
    input({ marker: '<!-- loadgate: other -->', body: '<!-- loadgate: other -->\nx' }),
    log,
  );
  assert.equal(other.action, 'failed');
  assert.equal(
    log.lines.filter((l) => l.startsWith('warning:') && l.includes('pull-requests: write')).length,
    1,
  );
  assert.equal(emu.requests.filter((r) => r.status === 403).length, 2, 'a 403 is not retried');
  assert.equal(ours().length, 0);
  assert.ok(!log.lines.some((l) => l.includes(forkToken)));
  assert.ok(!(result.reason ?? '').includes(forkToken));
});

test('a pull request that does not exist is named as such, not as a missing permission', async () => {
  const result = await upsertStickyComment(client(), { ...ctx, issueNumber: 999 }, input(), log);
  assert.equal(result.action, 'failed');
  assert.match(
    result.reason ?? '',
    /acme\/api#999 was not found \(GitHub answered 404 to listing its comments\): check the pull request number/,
  );
  assert.doesNotMatch(result.reason ?? '', /pull-requests: write/);
});

test('a GitHub that accepts the connection and never answers: each attempt times out, then a warning', async () => {
  const silent = await silentServer();
  try {
    const octokit = createOctokit(TOKEN, {
      baseUrl: silent.url,
      log,
      backoffUnitMs: 5,
      retries: 1,
      requestTimeoutMs: 200,
    });
    const started = Date.now();
    const result = await upsertStickyComment(octokit, ctx, input(), log);
    assert.equal(result.action, 'failed');
    assert.match(
      result.reason ?? '',
      /GitHub API did not answer GET \/repos\/acme\/api\/issues\/7\/comments within 0\.2 s/,
    );
    assert.equal(silent.requests(), 2, 'one attempt and one retry');
    // A generous "does not hang" bound: two 0.2 s attempts, nowhere near undici's 300 s.
    assert.ok(Date.now() - started < 30_000);
  } finally {
    await silent.close();
  }
});

test('the publishing budget ends every attempt, in flight or to come', async () => {
  const silent = await silentServer();
  try {
    const octokit = createOctokit(TOKEN, {
      baseUrl: silent.url,
      log,
      backoffUnitMs: 5,
      retries: 3,
      requestTimeoutMs: 60_000,
      signal: AbortSignal.timeout(300),
    });
    const result = await upsertStickyComment(octokit, ctx, input(), log);
    assert.equal(result.action, 'failed');
    assert.match(result.reason ?? '', /the publishing time budget ran out during GET /);
  } finally {
    await silent.close();
  }
});

/** A loopback server that accepts connections and never answers. */
async function silentServer(): Promise<{
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createServer((socket) => {
    // Count requests, not connections (a client may open a spare connection).
    socket.on('data', (d: Buffer) => {
      count += (d.toString('latin1').match(/^(GET|POST|PATCH) \//gm) ?? []).length;
    });
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((res) => {
        for (const s of sockets) s.destroy();
        server.close(() => res());
      }),
  };
}

test('502 twice then success: the lookup and the write are retried with backoff, each retry logged', async () => {
  const octokit = client();
  emu.failNext('server-error', { count: 2, method: 'GET' });
  emu.failNext('server-error', { count: 2, method: 'POST' });
  const result = await upsertStickyComment(octokit, ctx, input(), log);
  assert.equal(result.action, 'created');
  assert.deepEqual(
    emu.requests.map((r) => `${r.method} ${r.status}`),
    ['GET 502', 'GET 502', 'GET 200', 'POST 502', 'POST 502', 'POST 201'],
  );
  assert.equal(log.lines.filter((l) => /answered 502 .* retrying with backoff/.test(l)).length, 4);
  assert.equal(ours().length, 1);
});

test('5xx beyond the retries: failed with the status, no throw', async () => {
  emu.failNext('server-error', { count: 10 });
  const octokit = createOctokit(TOKEN, { baseUrl: emu.url, log, backoffUnitMs: 5, retries: 2 });
  const result = await upsertStickyComment(octokit, ctx, input(), log);
  assert.equal(result.action, 'failed');
  assert.match(result.reason ?? '', /could not list comments on acme\/api#7: GitHub answered 502/);
  assert.equal(emu.requests.length, 3, 'one attempt and two retries');
});

test('a primary rate limit (403, remaining 0) and a secondary one (429, Retry-After) are waited out', async () => {
  const octokit = client();
  emu.failNext('rate-limit', { method: 'GET' });
  emu.failNext('secondary-rate-limit', { method: 'GET' });
  const result = await upsertStickyComment(octokit, ctx, input(), log);
  assert.equal(result.action, 'created');
  assert.deepEqual(
    emu.requests.map((r) => `${r.method} ${r.status}`),
    ['GET 403', 'GET 429', 'GET 200', 'POST 201'],
  );
  assert.ok(
    log.lines.some((l) =>
      /GitHub API rate limit on GET \/repos\/acme\/api\/issues\/7\/comments: retry 1 of 3/.test(l),
    ),
  );
  assert.ok(log.lines.some((l) => /secondary rate limit on GET .*: retry/.test(l)));
});

test('a rate limit that resets later than the wait cap fails fast instead of stalling the job', async () => {
  emu.failNext('rate-limit', { count: 5 });
  const octokit = createOctokit(TOKEN, {
    baseUrl: emu.url,
    log,
    backoffUnitMs: 5,
    maxRateLimitWaitSeconds: 0,
  });
  const result = await upsertStickyComment(octokit, ctx, input(), log);
  assert.equal(result.action, 'failed');
  assert.match(result.reason ?? '', /GitHub answered 403: API rate limit exceeded/);
  assert.doesNotMatch(
    result.reason ?? '',
    /pull-requests: write/,
    'a rate limit is not a permission problem',
  );
  assert.ok(log.lines.some((l) => /resets in \d+ s, longer than 0 s: not waiting/.test(l)));
  assert.equal(emu.requests.length, 1);
});

test('two series on one PR keep one comment each', async () => {
  const octokit = client();
  const other = '<!-- loadgate: search-api -->';
  await upsertStickyComment(octokit, ctx, input(), log);
  await upsertStickyComment(octokit, ctx, input({ marker: other, body: `${other}\nsearch` }), log);
  const again = await upsertStickyComment(octokit, ctx, input({ runId: 101 }), log);
  assert.equal(again.action, 'updated');
  const all = emu.comments('acme', 'api', 7);
  assert.equal(all.length, 2);
  assert.equal(all.filter((c) => c.body.includes(other)).length, 1);
});

test('a body over 65,536 characters is shortened on block boundaries; marker and run record survive', async () => {
  const rows = Array.from({ length: 4000 }, (_, i) => `| endpoint-${i} | ${i} |`).join('\n');
  const body = `${MARKER}\n# loadgate\n\n| endpoint | rps |\n| --- | ---: |\n${rows.slice(0, 30000)}\n\n${rows}`;
  const result = await upsertStickyComment(client(), ctx, input({ body }), log);
  assert.equal(result.action, 'created');
  const stored = ours()[0]?.body ?? '';
  assert.ok(stored.length <= 65536);
  assert.ok(stored.startsWith(MARKER));
  assert.match(stored, /shortened to fit GitHub's 65,536-character limit/);
  assert.match(stored, /<!-- loadgate-run: \{"runId":100/);
});

test('a body without its marker is refused (it could never be found again)', async () => {
  const result = await upsertStickyComment(client(), ctx, input({ body: 'no marker' }), log);
  assert.equal(result.action, 'failed');
  assert.equal(emu.requests.length, 0);
});

test('rebody sees the existing comment: a fixed regression can say so', async () => {
  const octokit = client();
  await upsertStickyComment(
    octokit,
    ctx,
    input({ body: `${MARKER}\nregression!`, isRegression: true }),
    log,
  );
  const seen: (string | null)[] = [];
  const result = await upsertStickyComment(
    octokit,
    ctx,
    input({
      runId: 101,
      rebody: (previous) => {
        seen.push(previous);
        return `${MARKER}\n${previous?.includes('regression!') ? 'fixed since the last run' : 'pass'}`;
      },
    }),
    log,
  );
  assert.equal(result.action, 'updated');
  assert.equal(seen.length, 1);
  assert.match(seen[0] ?? '', /regression!/);
  assert.match(ours()[0]?.body ?? '', /fixed since the last run/);
  // With no comment yet, rebody gets null.
  const fresh: (string | null)[] = [];
  const other = '<!-- loadgate: other -->';
  await upsertStickyComment(
    octokit,
    ctx,
    input({ marker: other, body: `${other}\nx`, rebody: (p) => (fresh.push(p), `${other}\ny`) }),
    log,
  );
  assert.deepEqual(fresh, [null]);
});
