// The action run from source by GitHub's local runner for JavaScript actions, @github/local-action,
// as its README says: `npx local-action <path> <entrypoint> <dotenv file>`. It swaps in its own
// @actions/core, so this checks that outputs go through core.setOutput (it prints them; "No
// outputs were set!" otherwise) and the summary through core.summary. A push to main with a
// file baseline against examples/node-api on loopback, twice (no baseline, then a comparison),
// and a sweep with the post step. Nothing leaves 127.0.0.1; every process it started is gone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertNoSurvivors } from '../supervisor/helpers.js';

const ROOT = resolve('.');
const LOCAL_ACTION = join(ROOT, 'node_modules/@github/local-action/bin/local-action.js');
const SERVER = resolve('examples/node-api/server.js');
const TAG = randomUUID();

let root: string;
let workspace: string;
let runnerTemp: string;
let eventPath: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'lg-local-action-'));
  workspace = join(root, 'workspace');
  runnerTemp = join(root, 'runner-temp');
  eventPath = join(root, 'event.json');
  await mkdir(workspace);
  await mkdir(runnerTemp);
  await writeFile(
    join(workspace, 'loadgate.yml'),
    [
      'name: items-api',
      'server:',
      `  command: node ${SERVER}`,
      '  workers: 1',
      '  ready: { path: /health, timeout: 30s }',
      'load: { connections: 4, warmup: 200ms, duration: 500ms, rounds: 2 }',
      'requests:',
      '  - { name: list items, path: /api/items }',
      'baseline: { file: .loadgate/baseline.json }',
      '',
    ].join('\n'),
  );
  await writeFile(
    eventPath,
    JSON.stringify({
      ref: 'refs/heads/main',
      repository: { full_name: 'acme/api', default_branch: 'main' },
    }),
  );
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

interface LocalRun {
  code: number | null;
  stdout: string;
  /** The "Action Outputs" table local-action prints. */
  outputs: Record<string, string>;
  summary: string;
}

/** Writes the dotenv file (inputs and runner variables) and runs local-action on this repo. */
async function localAction(
  name: string,
  inputs: Record<string, string>,
  extraArgs: string[] = [],
): Promise<LocalRun> {
  const summaryPath = join(runnerTemp, `${name}-summary.md`);
  const vars: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REPOSITORY: 'acme/api',
    GITHUB_JOB: 'perf',
    // No GitHub request is made on a push; were one made, it would go to a closed local port.
    GITHUB_API_URL: 'http://127.0.0.1:9',
  };
  // local-action reads inputs as INPUT_<NAME> with the hyphens kept (see its .env.example).
  for (const [k, v] of Object.entries(inputs)) vars[`INPUT_${k.toUpperCase()}`] = v;
  const dotenv = join(root, `${name}.env`);
  await writeFile(
    dotenv,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join('\n') + '\n',
  );

  const child = spawn(process.execPath, [LOCAL_ACTION, '.', 'src/main.ts', dotenv, ...extraArgs], {
    cwd: ROOT,
    // A clean environment: nothing of a real runner's (GITHUB_OUTPUT, tokens) leaks in.
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? root,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      // `npm exec tsx` finds the local tsx: nothing to fetch.
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      LOADGATE_TEST_TAG: TAG,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  // A safety net only (a hung run would otherwise hang the suite): the whole process group.
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    } catch {
      // already gone
    }
  }, 180_000);
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  clearTimeout(timer);
  await assertNoSurvivors(TAG);
  return {
    code,
    stdout,
    outputs: outputTable(stdout),
    summary: existsSync(summaryPath) ? await readFile(summaryPath, 'utf8') : '',
  };
}

/** Rows of the "Action Outputs" table: `│ 0 │ 'verdict' │ 'pass' │`. */
function outputTable(stdout: string): Record<string, string> {
  const at = stdout.lastIndexOf('Action Outputs');
  const out: Record<string, string> = {};
  if (at < 0) return out;
  for (const line of stdout.slice(at).split('\n')) {
    const m = /^│\s*\d+\s*│\s*'([^']+)'\s*│\s*'(.*)'\s*│$/.exec(line.trim());
    if (m?.[1] !== undefined) out[m[1]] = m[2] ?? '';
  }
  return out;
}

test('push to main with a file baseline: outputs, summary and the verdict in the log', async () => {
  const first = await localAction('push-1', { config: 'loadgate.yml' });
  assert.ok(!first.stdout.includes('No outputs were set!'), first.stdout);
  assert.ok(!first.stdout.includes('does not export a run() function'), first.stdout);
  assert.equal(first.outputs['verdict'], 'no-baseline', first.stdout);
  assert.ok(Number(first.outputs['rps']) > 0, `rps output: ${first.outputs['rps']}`);
  assert.equal(first.outputs['rps-change'], '');
  assert.equal(first.outputs['report-path'], join(runnerTemp, 'loadgate-report.json'));
  assert.equal(first.outputs['comment-url'], '');
  assert.match(first.summary, /loadgate · items-api: no baseline to compare with/);
  assert.match(
    first.stdout,
    /^::notice title=loadgate: items-api::loadgate items-api: no-baseline \(no baseline to compare with\): RPS [\d,.]+, p95 [\d.]+ m?s$/m,
  );
  assert.match(first.stdout, /^::group::loadgate: inputs$/m);
  const baseline = join(workspace, '.loadgate/baseline.json');
  assert.ok(existsSync(baseline), 'the push wrote the baseline file');

  // The second push compares with the first: any verdict the statistics reach is fine here.
  const second = await localAction('push-2', { config: 'loadgate.yml' });
  const verdict = second.outputs['verdict'] ?? '';
  assert.ok(['pass', 'inconclusive', 'regression'].includes(verdict), second.stdout);
  assert.match(second.outputs['rps-change'] ?? '', /^-?\d/, 'a change against the baseline');
  assert.match(second.summary, /loadgate · items-api/);
  const annotation =
    verdict === 'regression'
      ? /^::error title=loadgate: items-api,file=loadgate\.yml::loadgate items-api: regression: RPS [+-]/m
      : new RegExp(
          `^::notice title=loadgate: items-api::loadgate items-api: ${verdict}: RPS [+-]`,
          'm',
        );
  assert.match(second.stdout, annotation);
});

test('mode: sweep with the post step: report-path, recommended-workers and the sweep summary', async () => {
  const r = await localAction(
    'sweep',
    { config: 'loadgate.yml', mode: 'sweep', 'sweep-workers': '1,2' },
    ['--post', 'src/post.ts'],
  );
  assert.ok(!r.stdout.includes('No outputs were set!'), r.stdout);
  assert.equal(r.outputs['report-path'], join(runnerTemp, 'loadgate-sweep.json'), r.stdout);
  assert.match(r.outputs['recommended-workers'] ?? '', /^[12]?$/);
  const report = JSON.parse(await readFile(join(runnerTemp, 'loadgate-sweep.json'), 'utf8')) as {
    points: { workers: number }[];
  };
  assert.deepEqual(
    report.points.map((p) => p.workers),
    [1, 2],
  );
  assert.match(r.summary, /## loadgate sweep: items-api/);
  assert.match(r.stdout, /Running Post Step/);
  assert.match(r.stdout, /^::notice title=loadgate sweep: items-api::loadgate sweep items-api: /m);
});
