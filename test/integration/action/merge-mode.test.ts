// The matrix workflow in small, through @github/local-action (the action from source, with
// local-action's own @actions/core): two jobs with input `shard` (1/2, 2/2) load one loopback
// API on one wall-clock schedule and write shard reports, as matrix jobs upload as artifacts;
// a final job with `mode: merge` reads the folder they were downloaded to and publishes one
// summary and one set of outputs. Nothing leaves 127.0.0.1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFastServer, type FastServer } from '../../support/servers/fast-server.js';

const ROOT = resolve('.');
const LOCAL_ACTION = join(ROOT, 'node_modules/@github/local-action/bin/local-action.js');

let root: string;
let workspace: string;
let runnerTemp: string;
let eventPath: string;
let server: FastServer;

before(async () => {
  server = await startFastServer();
  root = await mkdtemp(join(tmpdir(), 'lg-merge-action-'));
  workspace = join(root, 'workspace');
  runnerTemp = join(root, 'runner-temp');
  eventPath = join(root, 'event.json');
  await mkdir(workspace);
  await mkdir(runnerTemp);
  await writeFile(
    join(workspace, 'loadgate.yml'),
    [
      'name: items-api',
      `target: ${server.url}`,
      'load: { connections: 4, warmup: 200ms, duration: 500ms, rounds: 2 }',
      'requests: [ { name: fast, path: /fast } ]',
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
  await server.close();
  await rm(root, { recursive: true, force: true });
});

interface LocalRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

async function localAction(name: string, inputs: Record<string, string>): Promise<LocalRun> {
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
    GITHUB_SHA: 'b'.repeat(40),
    GITHUB_REPOSITORY: 'acme/api',
    GITHUB_JOB: name,
    GITHUB_API_URL: 'http://127.0.0.1:9',
  };
  for (const [k, v] of Object.entries(inputs)) vars[`INPUT_${k.toUpperCase()}`] = v;
  const dotenv = join(root, `${name}.env`);
  await writeFile(
    dotenv,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join('\n') + '\n',
  );
  const child = spawn(process.execPath, [LOCAL_ACTION, '.', 'src/main.ts', dotenv], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? root,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    } catch {
      // already gone
    }
  }, 180_000);
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  clearTimeout(timer);
  return {
    code,
    stdout,
    outputs: outputTable(stdout),
    summary: existsSync(summaryPath) ? await readFile(summaryPath, 'utf8') : '',
  };
}

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

test('shard jobs, then mode: merge over the downloaded artifacts: one verdict, outputs, summary', async () => {
  // Both shard jobs start their load at the same time, well after both have booted.
  const startAt = new Date(Date.now() + 25_000).toISOString();
  const shards = await Promise.all(
    [1, 2].map((i) => localAction(`shard-${i}`, { shard: `${i}/2`, 'start-at': startAt })),
  );
  for (const [i, s] of shards.entries()) {
    const path = join(runnerTemp, `loadgate-shard-${i + 1}-2.json`);
    assert.equal(s.outputs['report-path'], path, s.stdout);
    assert.ok(!/::error/.test(s.stdout), s.stdout);
    // What actions/download-artifact does: one folder per artifact.
    await mkdir(join(workspace, 'shards', `shard-${i + 1}`), { recursive: true });
    await copyFile(path, join(workspace, 'shards', `shard-${i + 1}`, 'report.json'));
  }
  const merged = await localAction('merge', { mode: 'merge', reports: 'shards' });
  assert.ok(!merged.stdout.includes('No outputs were set!'), merged.stdout);
  assert.equal(merged.outputs['verdict'], 'no-baseline', merged.stdout);
  assert.ok(Number(merged.outputs['rps']) > 0, merged.stdout);
  assert.equal(merged.outputs['report-path'], join(runnerTemp, 'loadgate-report.json'));
  assert.match(merged.summary, /loadgate · items-api: no baseline to compare with/);
  const report = JSON.parse(await readFile(join(runnerTemp, 'loadgate-report.json'), 'utf8')) as {
    totals: { requests: number };
  };
  const shardRequests = await Promise.all(
    [1, 2].map(async (i) => {
      const s = JSON.parse(
        await readFile(join(runnerTemp, `loadgate-shard-${i}-2.json`), 'utf8'),
      ) as {
        rounds: { requests: number }[];
      };
      return s.rounds.reduce((n, r) => n + r.requests, 0);
    }),
  );
  assert.equal(report.totals.requests, shardRequests[0]! + shardRequests[1]!);
  // A push to main: update-baseline auto appended the merged run.
  assert.ok(existsSync(join(workspace, '.loadgate/baseline.json')));
});

test('mode: merge with a shard missing fails the step, naming the missing shard', async () => {
  await rm(join(workspace, 'shards', 'shard-2'), { recursive: true, force: true });
  const r = await localAction('merge-missing', { mode: 'merge', reports: 'shards' });
  assert.match(r.stdout, /::error::series "items-api": shard 2\/2 missing/);
});
