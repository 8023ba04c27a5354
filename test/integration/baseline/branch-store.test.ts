import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { memoryLogger } from '../../../src/log.js';
import {
  BaselineStoreError,
  createStore,
  GitBranchBaselineStore,
  type GitBranchStoreOptions,
} from '../../../src/baseline/index.js';
import { sampleEntry } from '../../unit/baseline/entries.js';
import { bareRemote, git, GIT_ENV } from './git-fixture.js';

const BRANCH = 'loadgate-baselines';
// The store's own environment: no commit identity, so loadgate's default identity applies.
const STORE_ENV = Object.fromEntries(
  Object.entries(GIT_ENV).filter(([k]) => !/^GIT_(AUTHOR|COMMITTER)_/.test(k)),
);

function store(repoDir: string, over: Partial<GitBranchStoreOptions> = {}) {
  const log = memoryLogger();
  const s = new GitBranchBaselineStore({ repoDir, log, env: STORE_ENV, backoffMs: 10, ...over });
  return { s, log };
}

const commitsOf = async (s: GitBranchBaselineStore, name: string) =>
  (await s.read(name)).series?.entries.map((e) => e.commit) ?? null;

test('missing branch: no baseline; the first append creates it as an orphan without touching the checkout', async (t) => {
  const remote = await bareRemote(t);
  const a = remote.clone('a');
  const head = git(a, 'rev-parse', 'HEAD');
  const { s, log } = store(a);
  assert.deepEqual(await s.read('items-api'), { series: null, warning: null });
  assert.ok(
    log.lines.some((l) => l.includes(`baseline branch ${BRANCH} does not exist on origin yet`)),
  );

  await s.append('items-api', sampleEntry('c1'), 50);
  const tip = git(remote.bare, 'rev-parse', `refs/heads/${BRANCH}`);
  assert.equal(git(remote.bare, 'rev-list', '--count', tip), '1');
  assert.equal(git(remote.bare, 'rev-list', '--max-parents=0', tip), tip); // orphan: no shared history
  assert.equal(git(remote.bare, 'ls-tree', '--name-only', tip), 'items-api.json');
  assert.equal(
    git(remote.bare, 'log', '-1', '--format=%an <%ae> %s', tip),
    'loadgate <loadgate@users.noreply.github.com> loadgate: baseline "items-api" += commit c1 (1 entry)',
  );
  // The user's checkout: same HEAD, clean tree, no new local branch.
  assert.equal(git(a, 'rev-parse', 'HEAD'), head);
  assert.equal(git(a, 'status', '--porcelain'), '');
  assert.equal(git(a, 'branch', '--list', '--format=%(refname:short)'), 'main');

  const b = remote.clone('b');
  assert.deepEqual(await commitsOf(store(b).s, 'items-api'), ['c1']);
});

test('series get one file each; history is bounded; each update is one fast-forward commit', async (t) => {
  const remote = await bareRemote(t);
  const { s } = store(remote.clone('a'));
  for (let i = 0; i < 4; i++) await s.append('items api', sampleEntry(`c${i}`), 2);
  await s.append('health', sampleEntry('h0'), 2);
  assert.deepEqual(await commitsOf(s, 'items api'), ['c2', 'c3']);
  assert.deepEqual(await commitsOf(s, 'health'), ['h0']);
  const files = git(remote.bare, 'ls-tree', '--name-only', BRANCH).split('\n');
  assert.equal(files.length, 2);
  assert.ok(files.includes('health.json'));
  assert.ok(files.some((f) => /^items-api-[0-9a-f]{8}\.json$/.test(f)));
  assert.equal(git(remote.bare, 'rev-list', '--count', BRANCH), '5');
});

test('concurrent appends from two clones all land', async (t) => {
  const remote = await bareRemote(t);
  const a = store(remote.clone('a'), { retries: 20 });
  const b = store(remote.clone('b'), { retries: 20 });
  const writer = async (w: GitBranchBaselineStore, prefix: string) => {
    for (let i = 0; i < 4; i++) await w.append('items-api', sampleEntry(`${prefix}${i}`), 50);
  };
  await Promise.all([writer(a.s, 'a'), writer(b.s, 'b')]); // both run at once
  const commits = await commitsOf(a.s, 'items-api');
  assert.deepEqual([...(commits ?? [])].sort(), ['a0', 'a1', 'a2', 'a3', 'b0', 'b1', 'b2', 'b3']);
  assert.equal(git(remote.bare, 'rev-list', '--count', BRANCH), '8');
});

test('a push rejected by a concurrent run is re-applied on the new tip', async (t) => {
  const remote = await bareRemote(t);
  const b = store(remote.clone('b'));
  await b.s.append('items-api', sampleEntry('b0'), 50); // the branch exists
  const a = store(remote.clone('a'), {
    // Between A's fetch and A's push, B pushes: A's first push must be rejected.
    beforePush: async (attempt) => {
      if (attempt === 0) await b.s.append('items-api', sampleEntry('b1'), 50);
    },
  });
  await a.s.append('items-api', sampleEntry('a0'), 50);
  assert.deepEqual(await commitsOf(a.s, 'items-api'), ['b0', 'b1', 'a0']);
  assert.ok(a.log.lines.some((l) => l.includes('after 1 retry')));
});

test('racing to create the branch: the loser retries on the winner and keeps both', async (t) => {
  const remote = await bareRemote(t);
  const b = store(remote.clone('b'));
  const a = store(remote.clone('a'), {
    beforePush: async (attempt) => {
      if (attempt === 0) await b.s.append('items-api', sampleEntry('b0'), 50);
    },
  });
  await a.s.append('items-api', sampleEntry('a0'), 50);
  assert.deepEqual(await commitsOf(a.s, 'items-api'), ['b0', 'a0']);
});

test('rejected every time: gives up after the retries with a typed error, losing nobody else', async (t) => {
  const remote = await bareRemote(t);
  const b = store(remote.clone('b'));
  let pushes = 0;
  const sleeps: number[] = [];
  const a = store(remote.clone('a'), {
    retries: 3,
    backoffMs: 100,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    beforePush: async () => {
      pushes++;
      await b.s.append('items-api', sampleEntry(`b${pushes}`), 50);
    },
  });
  await assert.rejects(a.s.append('items-api', sampleEntry('a0'), 50), (e) => {
    assert.ok(e instanceof BaselineStoreError);
    assert.equal(e.code, 'LG_BASELINE_CONTENDED');
    assert.match(e.message, /rejected 4 times/);
    return true;
  });
  assert.equal(pushes, 4);
  assert.deepEqual(sleeps, [50, 100, 200]); // jittered exponential back-off
  assert.deepEqual(await commitsOf(b.s, 'items-api'), ['b1', 'b2', 'b3', 'b4']);
});

test('a push refused by the server (not a race) fails at once with a typed error', async (t) => {
  const remote = await bareRemote(t);
  const hook = join(remote.bare, 'hooks', 'pre-receive');
  await writeFile(hook, '#!/bin/sh\necho "protected branch" >&2\nexit 1\n', { mode: 0o755 });
  let attempts = 0;
  const { s } = store(remote.clone('a'), { beforePush: async () => void attempts++ });
  await assert.rejects(s.append('items-api', sampleEntry('a0'), 50), (e) => {
    assert.ok(e instanceof BaselineStoreError);
    assert.equal(e.code, 'LG_BASELINE_PUSH');
    assert.match(
      e.message,
      /git push to branch loadgate-baselines of origin failed: .*pre-receive hook declined/,
    );
    return true;
  });
  assert.equal(attempts, 1);
});

test('a corrupt file on the branch: read warns naming it; append replaces it and keeps other files', async (t) => {
  const remote = await bareRemote(t);
  const scratch = remote.clone('scratch');
  git(scratch, 'checkout', '--quiet', '--orphan', BRANCH);
  git(scratch, 'rm', '--quiet', '-rf', '.');
  await writeFile(
    join(scratch, 'items-api.json'),
    '{"schema": 1, "name": "items-api", "entries": [',
  );
  await writeFile(join(scratch, 'README.md'), 'baselines\n');
  git(scratch, 'add', '.');
  git(scratch, 'commit', '--quiet', '-m', 'broken');
  git(scratch, 'push', '--quiet', 'origin', BRANCH);

  const { s, log } = store(remote.clone('a'));
  const r = await s.read('items-api');
  assert.equal(r.series, null);
  assert.match(r.warning ?? '', /^items-api\.json on branch loadgate-baselines is not valid JSON/);
  await s.append('items-api', sampleEntry('a0'), 50);
  assert.ok(
    log.lines.some(
      (l) => l.startsWith('warning: items-api.json on branch') && l.endsWith('(replaced now)'),
    ),
  );
  assert.equal((await s.read('items-api')).warning, null);
  assert.deepEqual(await commitsOf(s, 'items-api'), ['a0']);
  assert.equal(git(remote.bare, 'show', `${BRANCH}:README.md`), 'baselines');
});

test('a newer schema on the branch is never overwritten', async (t) => {
  const remote = await bareRemote(t);
  const scratch = remote.clone('scratch');
  git(scratch, 'checkout', '--quiet', '--orphan', BRANCH);
  git(scratch, 'rm', '--quiet', '-rf', '.');
  await writeFile(
    join(scratch, 'items-api.json'),
    JSON.stringify({ schema: 9, name: 'items-api', entries: [] }),
  );
  git(scratch, 'add', '.');
  git(scratch, 'commit', '--quiet', '-m', 'future');
  git(scratch, 'push', '--quiet', 'origin', BRANCH);
  const { s } = store(remote.clone('a'));
  assert.match((await s.read('items-api')).warning ?? '', /schema 9, written by a newer loadgate/);
  await assert.rejects(s.append('items-api', sampleEntry('a0'), 50), BaselineStoreError);
  assert.equal(git(remote.bare, 'rev-list', '--count', BRANCH), '1');
});

test('no remote, no repository: reads warn, appends throw typed errors', async (t) => {
  const remote = await bareRemote(t);
  const a = remote.clone('a');
  git(a, 'remote', 'set-url', 'origin', join(remote.dir, 'gone.git'));
  const { s } = store(a);
  const r = await s.read('items-api');
  assert.equal(r.series, null);
  assert.match(
    r.warning ?? '',
    /^could not read the baseline from branch loadgate-baselines of origin: git fetch origin loadgate-baselines failed: /,
  );
  await assert.rejects(
    s.append('items-api', sampleEntry('a0'), 50),
    (e) => e instanceof BaselineStoreError && e.code === 'LG_BASELINE_FETCH',
  );

  const outside = store(remote.dir).s; // a folder that is not a repository
  assert.match((await outside.read('x')).warning ?? '', /is not inside a git repository/);
  const noGit = store(a, { git: join(remote.dir, 'no-such-git') }).s;
  assert.match((await noGit.read('x')).warning ?? '', /cannot run .*no-such-git/);
});

test('shallow checkouts (actions/checkout default) work; full clones are not made shallow', async (t) => {
  const remote = await bareRemote(t);
  const full = remote.clone('full');
  await store(full).s.append('items-api', sampleEntry('c0'), 50);
  assert.equal(existsSync(join(full, '.git', 'shallow')), false);
  const shallow = remote.clone('shallow', '--depth=1');
  assert.equal(git(shallow, 'rev-parse', '--is-shallow-repository'), 'true');
  const s = store(shallow).s;
  await s.append('items-api', sampleEntry('c1'), 50);
  assert.deepEqual(await commitsOf(s, 'items-api'), ['c0', 'c1']);
  assert.equal(git(remote.bare, 'rev-list', '--count', BRANCH), '2');
});

test('createStore builds the branch store from the config; an identity in the environment wins', async (t) => {
  const remote = await bareRemote(t);
  const a = remote.clone('a');
  const s = createStore(
    { store: 'branch', branch: 'perf-history', remote: 'origin', history: 3 },
    { log: memoryLogger(), cwd: a, env: GIT_ENV },
  );
  assert.equal(s.description, 'branch perf-history of origin');
  await s.append('x', sampleEntry('c0'), 3);
  assert.equal(git(remote.bare, 'ls-tree', '--name-only', 'perf-history'), 'x.json');
  assert.equal(
    git(remote.bare, 'log', '-1', '--format=%an <%ae>', 'perf-history'),
    'Test <test@example.com>',
  );
});
