// The base checkout and the base's config against real git, without servers: what is taken
// from the base, and every reason to fall back to the stored baseline (the PR never fails).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureAgainstBase } from '../../../src/pipeline/ab/run-ab.js';
import { baseConfigFor } from '../../../src/pipeline/ab/base-config.js';
import { checkoutBase, removeCheckout } from '../../../src/pipeline/ab/worktree.js';
import { BaseUnavailable } from '../../../src/pipeline/ab/types.js';
import type { Config } from '../../../src/config/types.js';
import { memoryLogger } from '../../../src/log.js';
import { configText, git, tempRoot, testRepo, worktrees, type TestRepo } from './repo.js';

const root = tempRoot();
let repo: TestRepo;
let first: string;
let renamed: string;
let invalid: string;

before(() => {
  repo = testRepo(root);
  first = repo.commit('first', {
    'cost.json': '{ "delayMs": 0 }\n',
    'loadgate.yml': configText(repo.baselineFile),
  });
  renamed = repo.commit('other command', {
    'loadgate.yml': configText(repo.baselineFile).replace(
      'node server.mjs',
      'node server.mjs --old',
    ),
  });
  invalid = repo.commit('a key this loadgate does not know', {
    'loadgate.yml': `${configText(repo.baselineFile)}future-key: 1\n`,
  });
  repo.commit('head', {
    'cost.json': '{ "delayMs": 1 }\n',
    'loadgate.yml': configText(repo.baselineFile),
  });
});
after(() => rmSync(root, { recursive: true, force: true }));

const env = { ...process.env };
const deps = () => ({ log: memoryLogger(), env, signal: new AbortController().signal });

/** The A/B measurement gives up with BaseUnavailable (the pipeline then falls back). */
async function fallbackWarning(config: Config, baseRef: string): Promise<string> {
  const error = await measureAgainstBase(config, baseRef, deps()).then(
    () => assert.fail('expected BaseUnavailable'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof BaseUnavailable, String(error));
  assert.equal(worktrees(repo.dir).length, 1, 'no worktree left');
  return error.message;
}

test('a base ref that does not exist (and no origin to fetch it from): fall back', async () => {
  const w = await fallbackWarning(repo.config(env), 'f'.repeat(40));
  assert.match(w, /base commit f{40} not found, and fetching it from origin failed/);
});

test('a ref that looks like an option is refused, never passed to git fetch', async () => {
  const w = await fallbackWarning(repo.config(env), '--upload-pack=touch /tmp/x');
  assert.match(w, /is not a commit or ref/);
});

test('a config outside any git checkout: fall back', async () => {
  const alone = mkdtempSync(join(tmpdir(), 'lg-ab-nogit-'));
  after(() => rmSync(alone, { recursive: true, force: true }));
  const w = await fallbackWarning({ ...repo.config(env), baseDir: alone }, first);
  assert.match(w, /is not in a git checkout/);
});

test('server.cwd outside the repository and no base config file: fall back, worktree removed', async () => {
  const config = repo.config(env);
  const server = config.server as NonNullable<Config['server']>;
  const w = await fallbackWarning(
    { ...config, source: null, server: { ...server, cwd: tmpdir() }, target: null },
    first,
  );
  assert.match(w, /server\.cwd .* is outside the repository/);
});

test("the base's own loadgate.yml gives the base's server section, run inside the checkout", async (t) => {
  const log = memoryLogger();
  const checkout = await checkoutBase(repo.dir, renamed, { log, env });
  t.after(() => removeCheckout(checkout, { log, env }));
  assert.equal(checkout.commit, renamed);
  assert.equal(git(checkout.dir, 'rev-parse', 'HEAD'), renamed);
  const head = repo.config(env);
  const base = await baseConfigFor(head, checkout, { log, env, cores: 2 });
  assert.equal(base.config.server?.command, 'node server.mjs --old');
  assert.equal(base.config.server?.cwd, checkout.dir);
  assert.equal(base.config.server?.logDir, join(head.server?.logDir ?? '', 'base'));
  assert.match(base.from, new RegExp(`^${renamed.slice(0, 12)}:loadgate.yml$`));
  assert.deepEqual(base.warnings, [], 'the scenario itself did not change');
});

test("workers from the command line win over the base file's, as on the head side", async (t) => {
  const log = memoryLogger();
  const checkout = await checkoutBase(repo.dir, renamed, { log, env });
  t.after(() => removeCheckout(checkout, { log, env }));
  const head = repo.config(env);
  const own = await baseConfigFor(head, checkout, { log, env, cores: 2 });
  const workers = { mode: 'spawn' as const, count: 3, auto: false, reason: '--workers 3' };
  assert.notDeepEqual(own.config.server?.workers, workers, 'the base file names other workers');
  const overridden = await baseConfigFor(head, checkout, {
    log,
    env,
    cores: 2,
    workersOverride: workers,
  });
  assert.deepEqual(overridden.config.server?.workers, workers);
  assert.equal(overridden.config.server?.command, 'node server.mjs --old', 'the rest is the base');
});

test("a base loadgate.yml this version cannot read: the PR's server settings, run in the base checkout", async (t) => {
  const log = memoryLogger();
  const checkout = await checkoutBase(repo.dir, invalid, { log, env });
  t.after(() => removeCheckout(checkout, { log, env }));
  const base = await baseConfigFor(repo.config(env), checkout, { log, env, cores: 2 });
  assert.equal(base.config.server?.command, 'node server.mjs');
  assert.equal(base.config.server?.cwd, checkout.dir);
  assert.match(base.warnings[0] ?? '', /the base's .*loadgate\.yml cannot be used \(.*future-key/);
});

test('removeCheckout leaves no worktree and no folder behind', async () => {
  const log = memoryLogger();
  const checkout = await checkoutBase(repo.dir, first, { log, env });
  assert.equal(worktrees(repo.dir).length, 2);
  await removeCheckout(checkout, { log, env });
  assert.equal(worktrees(repo.dir).length, 1);
  assert.equal(existsSync(join(checkout.dir, '..')), false);
});

test('checkoutBase outside a repository throws BaseUnavailable (the caller falls back)', async () => {
  await assert.rejects(
    checkoutBase(tmpdir(), 'main', { log: memoryLogger(), env }),
    (e: unknown) => e instanceof BaseUnavailable && /not in a git checkout/.test(e.message),
  );
});
