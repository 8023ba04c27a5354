// compare: auto, the default, through the built CLI in a real git repository: on a clean main
// nothing is compared on the runner (stored mode); on a branch the merge-base with main is the
// base, measured next to the head; uncommitted changes on main are compared with HEAD.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertNoSurvivors } from '../supervisor/helpers.js';
import { configText, git, tempRoot, testRepo, type TestRepo } from '../ab/repo.js';

const CLI = resolve('dist/cli/index.js');
// The base checkouts go to a private temp folder, so another process's are never counted.
const privateTmp = mkdtempSync(join(tmpdir(), 'lg-auto-tmp-'));
const root = tempRoot();
let repo: TestRepo;
let main: string;
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(privateTmp, { recursive: true, force: true });
});

before(() => {
  repo = testRepo(root);
  // The A/B test config without its `compare: base` line: the default, auto.
  const yml = configText(repo.baselineFile).replace('compare: base\n', '');
  assert.ok(!yml.includes('compare:'));
  main = repo.commit('cheap API', { 'cost.json': '{ "delayMs": 0 }\n', 'loadgate.yml': yml });
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], tag: string): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, 'run', ...args], {
    cwd: repo.dir,
    env: { ...process.env, TMPDIR: privateTmp, LOADGATE_TEST_TAG: tag },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
  return new Promise((res) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr });
    }),
  );
}

interface JsonReport {
  verdict: string;
  commit: string | null;
  baseline: { commit: string | null; note: string | null } | null;
  warnings: string[];
}

const report = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as JsonReport;

test('clean main: nothing to compare on this runner, so the stored baseline (none yet)', async () => {
  const tag = `auto-main-${process.pid}`;
  const json = join(root, 'main.json');
  const r = await cli(['--json', json], tag);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /compare: auto: no base commit to compare with on this runner/);
  assert.match(r.stderr, /HEAD is main's tip and nothing is changed/);
  assert.equal(report(json).verdict, 'no-baseline');
  assert.deepEqual(
    report(json).warnings.filter((w) => w.startsWith('compare:')),
    [],
    'the normal path of a push to main: no warning about the comparison',
  );
  await assertNoSurvivors(tag);
});

test('a branch: its merge-base with main is measured next to it, and a slowdown is caught', async () => {
  const tag = `auto-branch-${process.pid}`;
  git(repo.dir, 'checkout', '--quiet', '-b', 'slower');
  const head = repo.commit('5 ms per request', { 'cost.json': '{ "delayMs": 5 }\n' });
  try {
    const json = join(root, 'branch.json');
    const r = await cli(['--json', json], tag);
    const out = report(json);
    assert.match(
      r.stderr,
      /compare: auto: against base [0-9a-f]{40} \(the merge-base of HEAD with main\)/,
    );
    assert.equal(out.commit, head);
    assert.equal(out.baseline?.commit, main);
    assert.match(out.baseline?.note ?? '', /^same-runner A\/B against/);
    assert.equal(out.verdict, 'regression', r.stdout);
    assert.equal(r.code, 1);
    assert.deepEqual(
      readdirSync(privateTmp).filter((n) => n.startsWith('loadgate-base-')),
      [],
      'the base checkout is removed',
    );
    await assertNoSurvivors(tag);
  } finally {
    git(repo.dir, 'checkout', '--quiet', 'main');
  }
});

test('uncommitted changes on main are compared with HEAD', async () => {
  const tag = `auto-dirty-${process.pid}`;
  writeFileSync(join(repo.dir, 'cost.json'), '{ "delayMs": 5 }\n');
  try {
    const json = join(root, 'dirty.json');
    const r = await cli(['--json', json], tag);
    assert.match(r.stderr, /uncommitted changes are compared with it/);
    assert.equal(report(json).baseline?.commit, main);
    assert.equal(report(json).verdict, 'regression', r.stdout);
    await assertNoSurvivors(tag);
  } finally {
    git(repo.dir, 'checkout', '--quiet', '--', 'cost.json');
  }
});

test('--base with --compare stored is a usage error that says why', async () => {
  const r = await cli(['--compare', 'stored', '--base', 'main'], `auto-usage-${process.pid}`);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--base needs compare: auto or base/);
});
