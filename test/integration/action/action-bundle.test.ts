// The bundled action (dist/action/index.js) run as GitHub runs it, against the GitHub REST
// emulator (validated against GitHub's OpenAPI description) and a real git remote holding the
// baseline branch: a push to main writes the baseline, a PR run compares and comments, a rerun
// updates the same comment.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startGitHubEmulator, type GitHubEmulator } from '../../support/github-emulator.js';
import { pullRequestEvent, pushEvent, runAction } from '../../support/action-env.js';

const TOKEN = 'ghs_' + 'T0k3nForTests'.repeat(3);
const SERVER = resolve('examples/node-api/server.js');

let emu: GitHubEmulator;
let root: string;
let workspace: string;
let remote: string;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim();

before(async () => {
  emu = await startGitHubEmulator();
  emu.openPullRequest('acme', 'api', 7);
  root = await mkdtemp(join(tmpdir(), 'lg-action-e2e-'));
  remote = join(root, 'remote.git');
  workspace = join(root, 'workspace');
  git(root, 'init', '-q', '--bare', '-b', 'main', remote);
  git(root, 'clone', '-q', remote, workspace);
  git(workspace, 'config', 'user.email', 'dev@example.invalid');
  git(workspace, 'config', 'user.name', 'dev');
  // No `baseline:` key: on Actions the history goes to the loadgate-baselines branch.
  await writeFile(
    join(workspace, 'loadgate.yml'),
    [
      'name: items-api',
      'server:',
      `  command: node ${SERVER}`,
      '  workers: 2',
      '  ready: { path: /health, timeout: 30s }',
      'load: { connections: 8, warmup: 500ms, duration: 1s, rounds: 2 }',
      'requests:',
      '  - { name: list items, path: /api/items }',
      '  - { name: "<b>health</b>", path: /health }',
      '',
    ].join('\n'),
  );
  git(workspace, 'add', '.');
  git(workspace, 'commit', '-qm', 'app');
  git(workspace, 'push', '-q', 'origin', 'main');
});

after(async () => {
  await emu.close();
  await rm(root, { recursive: true, force: true });
});

const inputs = { 'github-token': TOKEN, comment: 'always' };

/** The action on a push of the workspace's HEAD to main. */
const pushToMain = (runId: number) =>
  runAction({
    inputs,
    event: pushEvent(git(workspace, 'rev-parse', 'HEAD')),
    workspace,
    apiUrl: emu.url,
    runId,
  });

/** What the job log shows: the runner consumes `::add-mask::` commands instead of printing them. */
const printed = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

test('push to main: no baseline yet, history written to the baseline branch', async () => {
  const r = await pushToMain(100);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs['verdict'], 'no-baseline');
  assert.ok(Number(r.outputs['rps']) > 0, `rps output: ${r.outputs['rps']}`);
  assert.match(r.summary, /items-api/);
  const files = git(remote, 'ls-tree', '--name-only', 'loadgate-baselines');
  assert.match(files, /items-api/);
  assert.equal(emu.comments('acme', 'api', 7).length, 0, 'a push has no PR to comment on');
  // The verdict is in the step log (a notice), not only in the summary.
  assert.match(
    r.stdout,
    /^::notice title=loadgate%3A items-api::loadgate items-api: no-baseline \(no baseline to compare with\): RPS /m,
  );
  assert.match(
    r.stdout,
    new RegExp(`^::add-mask::${TOKEN}$`, 'm'),
    'the runner is told to mask it',
  );
  assert.ok(!printed(r.stdout).includes(TOKEN), 'the token is never printed');
});

test('pull request whose base is not on the runner: the branch baseline instead, comments once, rerun updates in place', async () => {
  const event = pullRequestEvent(7, 'c'.repeat(40));
  const first = await runAction({ inputs, event, workspace, apiUrl: emu.url, runId: 101 });
  const verdict = first.outputs['verdict'];
  assert.ok(
    ['pass', 'inconclusive', 'regression'].includes(verdict ?? ''),
    `verdict ${verdict}\n${first.stdout}`,
  );
  assert.equal(first.code, verdict === 'regression' ? 1 : 0, first.stdout);
  assert.match(
    first.outputs['rps-change'] ?? '',
    /^-?\d/,
    'a relative change against the baseline',
  );
  const report = JSON.parse(await readFile(first.outputs['report-path'] ?? '', 'utf8')) as {
    verdict: string;
    baseline: { entries: number };
    warnings: string[];
  };
  assert.equal(report.verdict, verdict);
  assert.equal(report.baseline.entries, 1);
  // compare: auto tried the PR's base first; 'bbbb...' is in no repository.
  assert.match(
    report.warnings[0] ?? '',
    /^compare: auto: base commit b{40} not found.*; compared with the stored baseline instead$/,
  );

  let comments = emu.comments('acme', 'api', 7);
  assert.equal(comments.length, 1);
  const body = comments[0]?.body ?? '';
  assert.match(body, /<!-- loadgate:items-api:perf -->/);
  assert.ok(!body.includes('<b>health</b>'), 'endpoint names are escaped, not HTML');
  assert.match(first.outputs['comment-url'] ?? '', /^https?:\/\//);
  assert.match(first.summary, /items-api/);

  const rerun = await runAction({ inputs, event, workspace, apiUrl: emu.url, runId: 102 });
  assert.ok([0, 1].includes(rerun.code ?? -1), rerun.stdout);
  comments = emu.comments('acme', 'api', 7);
  assert.equal(comments.length, 1, 'the rerun updated the sticky comment, no duplicate');
  assert.match(comments[0]?.body ?? '', /"runId":102/);
  assert.deepEqual(
    emu.violations,
    [],
    "every request and response matched GitHub's OpenAPI description",
  );
  assert.ok(!printed(rerun.stdout).includes(TOKEN));
});

test('a bad config fails the step with the file and key, after writing nothing half-way', async () => {
  await writeFile(
    join(workspace, 'broken.yml'),
    'name: x\ntarget: http://127.0.0.1:9\nload:\n  connections: lots\n',
  );
  const r = await runAction({
    inputs: { ...inputs, config: 'broken.yml' },
    event: pullRequestEvent(7, 'd'.repeat(40)),
    workspace,
    apiUrl: emu.url,
    runId: 103,
  });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /::error::.*broken\.yml:4:\d+: load\.connections/);
  assert.equal(emu.comments('acme', 'api', 7).length, 1, 'no comment for a config error');
});

test('mode: report posts a stored JSON report from a workflow_run (fork PR: number from the input)', async () => {
  // The untrusted run's artifact: a report the PR run wrote.
  const measured = await runAction({
    inputs: { ...inputs, comment: 'never' },
    event: pullRequestEvent(8, 'e'.repeat(40)),
    workspace,
    apiUrl: emu.url,
    runId: 200,
  });
  assert.ok([0, 1].includes(measured.code ?? -1), measured.stdout);
  emu.openPullRequest('acme', 'api', 8);
  assert.equal(emu.comments('acme', 'api', 8).length, 0, 'comment: never wrote nothing');
  const artifact = join(workspace, 'artifact-report.json');
  await writeFile(artifact, await readFile(measured.outputs['report-path'] ?? '', 'utf8'));

  // GitHub leaves workflow_run.pull_requests empty for forks.
  const workflowRun = {
    name: 'workflow_run',
    payload: {
      action: 'completed',
      workflow_run: { id: 200, head_sha: 'e'.repeat(40), pull_requests: [], event: 'pull_request' },
      repository: { full_name: 'acme/api', default_branch: 'main' },
    },
  };
  const posted = await runAction({
    inputs: { ...inputs, mode: 'report', report: 'artifact-report.json', 'pr-number': '8' },
    event: workflowRun,
    workspace,
    apiUrl: emu.url,
    runId: 201,
  });
  assert.equal(posted.outputs['verdict'], measured.outputs['verdict']);
  const comments = emu.comments('acme', 'api', 8);
  assert.equal(comments.length, 1, posted.stdout);
  assert.match(comments[0]?.body ?? '', /items-api/);

  // A report that is not one: a clear failure naming the file, no comment.
  await writeFile(join(workspace, 'not-a-report.json'), '{"schema": 1, "name": 3}');
  const bad = await runAction({
    inputs: { ...inputs, mode: 'report', report: 'not-a-report.json', 'pr-number': '8' },
    event: workflowRun,
    workspace,
    apiUrl: emu.url,
    runId: 202,
  });
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /::error::.*not-a-report\.json: not a loadgate JSON report \(name/);
  assert.equal(emu.comments('acme', 'api', 8).length, 1);
  assert.deepEqual(emu.violations, []);
});

test('push to main whose baseline push the remote refuses: a warning, the step still passes', async () => {
  // A server-side hook that refuses the baseline branch, as branch protection would.
  const hook = join(remote, 'hooks', 'pre-receive');
  await writeFile(hook, '#!/bin/sh\necho "refusing updates to protected refs" >&2\nexit 1\n', {
    mode: 0o755,
  });
  const before = git(remote, 'rev-parse', 'loadgate-baselines');
  try {
    const r = await pushToMain(110);
    assert.match(r.stdout, /::warning::baseline not updated \(.*loadgate-baselines.*\): /);
    const report = JSON.parse(await readFile(r.outputs['report-path'] ?? '', 'utf8')) as {
      verdict: string;
      warnings: string[];
    };
    // The storage error changes nothing about the step's outcome: only the verdict decides it.
    assert.equal(r.code, report.verdict === 'regression' ? 1 : 0, r.stdout);
    assert.ok(
      report.warnings.some((w) => w.startsWith('baseline not updated')),
      report.warnings.join('\n'),
    );
    assert.equal(git(remote, 'rev-parse', 'loadgate-baselines'), before, 'history untouched');
  } finally {
    await rm(hook, { force: true });
  }
});

test('pull request with its base on the runner (compare: auto): measured next to the base', async () => {
  const base = git(workspace, 'rev-parse', 'HEAD');
  git(workspace, 'checkout', '-q', '-b', 'feature');
  await writeFile(join(workspace, 'README.md'), '# items-api\n');
  git(workspace, 'add', 'README.md');
  git(workspace, 'commit', '-qm', 'docs');
  const head = git(workspace, 'rev-parse', 'HEAD');
  try {
    const event = pullRequestEvent(7, head, base);
    const r = await runAction({ inputs, event, workspace, apiUrl: emu.url, runId: 103 });
    const verdict = r.outputs['verdict'] ?? '';
    assert.ok(['pass', 'inconclusive', 'regression'].includes(verdict), `${verdict}\n${r.stdout}`);
    assert.equal(r.code, verdict === 'regression' ? 1 : 0, r.stdout);
    const report = JSON.parse(await readFile(r.outputs['report-path'] ?? '', 'utf8')) as {
      commit: string;
      baseline: { commit: string; note: string };
      warnings: string[];
    };
    assert.equal(report.commit, head);
    assert.equal(report.baseline.commit, base, 'the base commit, measured on this runner');
    assert.match(report.baseline.note, /^same-runner A\/B against [0-9a-f]{12}, \d+ blocks ABBA/);
    assert.deepEqual(
      report.warnings.filter((w) => w.startsWith('compare:')),
      [],
      'no fallback',
    );
    const comments = emu.comments('acme', 'api', 7);
    assert.equal(comments.length, 1, 'still the one sticky comment');
    assert.match(comments[0]?.body ?? '', /against the base commit in \d+ interleaved blocks/);
    assert.deepEqual(emu.violations, []);
  } finally {
    git(workspace, 'checkout', '-q', 'main');
  }
});

test("the server gets none of the action's credentials (token input, runtime tokens)", async () => {
  const dump = join(root, 'server-env.json');
  await writeFile(
    join(workspace, 'loadgate.env.yml'),
    [
      'name: env-api',
      'server:',
      `  command: node ${resolve('test/fixtures/servers/env-dump.js')}`,
      `  env: { DUMP_FILE: ${JSON.stringify(dump)} }`,
      '  ready: /',
      'load: { connections: 2, warmup: 200ms, duration: 500ms, rounds: 2 }',
      'requests: [ { path: / } ]',
      '',
    ].join('\n'),
  );
  const r = await runAction({
    inputs: { ...inputs, config: 'loadgate.env.yml', comment: 'never' },
    event: pushEvent(git(workspace, 'rev-parse', 'HEAD')),
    workspace,
    apiUrl: emu.url,
    runId: 300,
    extraEnv: {
      ACTIONS_RUNTIME_TOKEN: 'runtime-' + TOKEN,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-' + TOKEN,
      ACTIONS_CACHE_URL: 'https://cache.example.invalid/',
    },
  });
  assert.equal(r.code, 0, r.stdout);
  const env = JSON.parse(await readFile(dump, 'utf8')) as Record<string, string>;
  const names = Object.keys(env);
  assert.deepEqual(
    names.filter((n) =>
      /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_|ACTIONS_CACHE_URL$|GITHUB_TOKEN$)/.test(n),
    ),
    [],
  );
  assert.ok(!JSON.stringify(env).includes(TOKEN), 'no token value anywhere in its environment');
  assert.equal(env.GITHUB_REPOSITORY, 'acme/api', 'the rest of the environment is passed on');
});

test('a server that fails on a PR updates the same sticky comment: never an older, better result', async () => {
  const before = emu.comments('acme', 'api', 7);
  assert.equal(before.length, 1, 'the earlier runs left one comment');
  await writeFile(
    join(workspace, 'loadgate.broken.yml'),
    [
      'name: items-api',
      'server:',
      `  command: node ${resolve('test/fixtures/servers/exit-at-boot.js')}`,
      'load: { connections: 2, warmup: 200ms, duration: 500ms, rounds: 2 }',
      'requests: [ { path: / } ]',
      'compare: stored',
      '',
    ].join('\n'),
  );
  const r = await runAction({
    inputs: { ...inputs, config: 'loadgate.broken.yml' },
    event: pullRequestEvent(7, 'd'.repeat(40)),
    workspace,
    apiUrl: emu.url,
    runId: 104,
  });
  assert.equal(r.code, 1, 'the step fails');
  assert.equal(r.outputs['verdict'], 'error');
  assert.equal(r.outputs['rps'], '', 'no figures from a failed run');
  assert.match(r.summary, /What failed/);
  const comments = emu.comments('acme', 'api', 7);
  assert.equal(comments.length, 1, 'updated in place');
  const body = comments[0]?.body ?? '';
  assert.match(body, /the run failed/);
  assert.match(body, /database unreachable \(fixture\)/);
  assert.match(body, /"runId":104/);
  assert.match(r.stdout, /::error::loadgate: The server did not start/);
  // An annotation on the config file, so that it shows on the pull request's files view.
  assert.match(
    r.stdout,
    /^::error title=loadgate%3A items-api,file=loadgate.broken.yml::loadgate items-api: error: The server did not start/m,
  );
  assert.deepEqual(emu.violations, []);
});

test('a bad pr-number fails the step at once, naming the input, before any load', async () => {
  const r = await runAction({
    inputs: { ...inputs, 'pr-number': 'seven' },
    event: pullRequestEvent(7, 'f'.repeat(40)),
    workspace,
    apiUrl: emu.url,
    runId: 105,
  });
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /^::error::input "pr-number": expected a pull request number, got "seven"$/m,
  );
  assert.ok(!r.stdout.includes('::group::Boot'), 'no server was booted');
  assert.deepEqual(r.outputs, {}, 'no outputs for a step that did nothing');
  assert.ok(!/\n\s+at /.test(r.stdout), 'no stack trace for a user mistake');
});
