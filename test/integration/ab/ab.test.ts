// compare: base end to end: a real git repository whose commits differ in the API's speed,
// the base checked out into a worktree, both servers booted, ABBA blocks, and the fallbacks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { run } from '../../../src/pipeline/run.js';
import { memoryLogger } from '../../../src/log.js';
import { ExitCode } from '../../../src/errors.js';
import { assertNoSurvivors } from '../supervisor/helpers.js';
import {
  configText,
  git,
  leftoverCheckouts,
  tempRoot,
  testRepo,
  worktrees,
  type TestRepo,
} from './repo.js';

// The base checkouts go to os.tmpdir(): a private one, so that another process's A/B run (a
// benchmark, a second test run) is never mistaken for a leftover of ours.
const privateTmp = mkdtempSync(join(tmpdir(), 'lg-ab-tmp-'));
process.env['TMPDIR'] = privateTmp;
const root = tempRoot();
let repo: TestRepo;
let cheap: string;
let slow: string;
let brokenBase: string;
let dyingBase: string;
const existing = new Set(readdirSync(tmpdir()));

before(() => {
  repo = testRepo(root);
  const yml = configText(repo.baselineFile);
  cheap = repo.commit('cheap API', { 'cost.json': '{ "delayMs": 0 }\n', 'loadgate.yml': yml });
  slow = repo.commit('5 ms per request', { 'cost.json': '{ "delayMs": 5 }\n' });
  // A base whose setup command fails, on a side branch off the cheap commit.
  git(repo.dir, 'checkout', '--quiet', '-b', 'broken', cheap);
  brokenBase = repo.commit('setup that fails', {
    'loadgate.yml': configText(repo.baselineFile, ['setup: node -e "process.exit(7)"']),
  });
  // A base whose single process exits a second into the load (workers: self: its death is final).
  git(repo.dir, 'checkout', '--quiet', '-b', 'dying', cheap);
  dyingBase = repo.commit('dies after 1 s', {
    'cost.json': '{ "delayMs": 0, "exitAfterMs": 1000 }\n',
    'loadgate.yml': configText(repo.baselineFile).replace('workers: 1', 'workers: self'),
  });
  git(repo.dir, 'checkout', '--quiet', 'main');
});
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(privateTmp, { recursive: true, force: true });
});

function deps() {
  const tag = randomUUID();
  const log = memoryLogger();
  const env = { ...process.env, LOADGATE_TEST_TAG: tag };
  return { tag, log, deps: { log, env, signal: new AbortController().signal } };
}

function assertCleanedUp(): void {
  assert.equal(worktrees(repo.dir).length, 1, 'the base worktree was removed');
  assert.deepEqual(leftoverCheckouts(existing), [], 'no temporary checkout left behind');
}

test('a 5 ms slower head than its base is a regression; A/B rounds never enter the stored history', async () => {
  git(repo.dir, 'checkout', '--quiet', slow);
  const { tag, log, deps: d } = deps();
  const outcome = await run(
    repo.config(d.env),
    { updateBaseline: true, commit: slow, baseRef: cheap },
    d,
  );
  const { report } = outcome;
  assert.equal(report.verdict, 'regression', report.summary);
  assert.equal(outcome.exitCode, ExitCode.regression);
  assert.equal(report.baseline?.commit, cheap);
  // Two boot pairs of 2 blocks, and a third when the pairs happen to disagree (boot-level.ts).
  const note = /same-runner A\/B against [0-9a-f]{12}, (\d+) blocks ABBA in (\d+) boot pairs/.exec(
    report.baseline?.note ?? '',
  );
  assert.ok(note, report.baseline?.note ?? 'no note');
  const blocks = Number(note[1]);
  assert.ok([4, 6, 8, 10, 12].includes(blocks), `whole boot pairs of 2 blocks: ${blocks}`);
  assert.equal(Number(note[2]), blocks / 2);
  assert.equal(report.rounds.length, blocks, 'one head round per block');
  assert.ok((report.metrics.rps.change ?? 0) < -0.3, `RPS change ${report.metrics.rps.change}`);
  assert.match(report.summary, /interleaved blocks/);
  assert.ok(
    log.lines.some((l) => new RegExp(`block ${blocks}/\\d+ base`).test(l)),
    'both sides ran every block',
  );
  assert.equal(
    log.lines.filter((l) => /^## Boot base/.test(l)).length,
    blocks / 2,
    'a boot per pair',
  );
  assert.equal(existsSync(repo.baselineFile), false, 'update-baseline wrote nothing');
  assert.ok(
    report.warnings.some((w) => /^baseline not updated: same-runner A\/B rounds/.test(w)),
    report.warnings.join('\n'),
  );
  assertCleanedUp();
  await assertNoSurvivors(tag);
});

test('the same code on both sides is not a regression; the stored history feeds the trend', async () => {
  git(repo.dir, 'checkout', '--quiet', cheap);
  const { tag, deps: d } = deps();
  // As a push to main would: a stored-mode run appends to the history.
  await run(
    { ...repo.config(d.env), compare: 'stored' },
    { updateBaseline: true, commit: cheap },
    d,
  );
  const { report, exitCode } = await run(
    repo.config(d.env),
    { updateBaseline: false, commit: cheap, baseRef: cheap },
    d,
  );
  assert.notEqual(report.verdict, 'regression', report.summary);
  assert.notEqual(report.verdict, 'no-baseline', 'compared with the base, not the store');
  assert.equal(exitCode, ExitCode.pass);
  // 4 planned blocks, and 2 more per look while undecided (sequential A/B).
  const blocks = report.baseline?.entries ?? 0;
  assert.ok(blocks >= 4 && blocks % 2 === 0, `blocks ${blocks}`);
  assert.equal(report.rounds.length, blocks, 'one head round per block');
  assert.ok(report.metrics.rps.baseline !== null && report.metrics.rps.baseline > 0);
  assert.equal(report.history.length, 1, 'the stored history still feeds the trend');
  const steal = report.noise.steal;
  assert.ok(steal !== null && steal >= 0 && steal <= 1, `steal sampled in A/B: ${steal}`);
  assertCleanedUp();
  await assertNoSurvivors(tag);
});

test('a base whose setup fails: warning, stored comparison instead, the PR does not fail', async () => {
  git(repo.dir, 'checkout', '--quiet', slow);
  rmSync(repo.baselineFile, { force: true });
  const { tag, log, deps: d } = deps();
  const { report, exitCode } = await run(
    repo.config(d.env),
    { updateBaseline: false, commit: slow, baseRef: brokenBase },
    d,
  );
  assert.equal(report.verdict, 'no-baseline', report.summary);
  assert.equal(exitCode, ExitCode.pass);
  assert.match(report.warnings[0] ?? '', /^compare: base: the base could not be started: .*setup/);
  assert.match(report.warnings[0] ?? '', /compared with the stored baseline instead/);
  assert.ok(log.lines.some((l) => l.startsWith('warning: compare: base:')));
  assert.ok(existsSync(repo.baselineFile) === false, 'nothing stored without update-baseline');
  assertCleanedUp();
  await assertNoSurvivors(tag);
});

test('a base that dies during the load: warning, stored comparison instead', async () => {
  git(repo.dir, 'checkout', '--quiet', slow);
  rmSync(repo.baselineFile, { force: true });
  const { tag, deps: d } = deps();
  const { report, exitCode } = await run(
    repo.config(d.env),
    { updateBaseline: false, commit: slow, baseRef: dyingBase },
    d,
  );
  assert.match(
    report.warnings[0] ?? '',
    /^compare: base: the base's server died during the load test/,
  );
  assert.equal(report.verdict, 'no-baseline', report.summary);
  assert.equal(exitCode, ExitCode.pass);
  assert.equal(report.rounds.length, 2, 'the stored run measured the head on its own');
  assertCleanedUp();
  await assertNoSurvivors(tag);
});

test('a shallow clone fetches the missing base commit from origin', async () => {
  const clone = `${root}/shallow`;
  git(root, 'clone', '--quiet', '--depth=1', '--branch', 'main', `file://${repo.dir}`, clone);
  assert.throws(() => git(clone, 'cat-file', '-e', `${cheap}^{commit}`), 'base not there yet');
  const { tag, log, deps: d } = deps();
  const config = { ...repo.config(d.env), source: `${clone}/loadgate.yml`, baseDir: clone };
  const server = config.server as NonNullable<typeof config.server>;
  const { report } = await run(
    {
      ...config,
      server: { ...server, cwd: clone, logDir: `${clone}/.loadgate/logs` },
      target: null,
    },
    { updateBaseline: false, commit: slow, baseRef: cheap },
    d,
  );
  assert.equal(report.verdict, 'regression', report.summary);
  assert.ok(log.lines.some((l) => /fetching it from origin/.test(l)));
  assert.equal(worktrees(clone).length, 1);
  await assertNoSurvivors(tag);
});
