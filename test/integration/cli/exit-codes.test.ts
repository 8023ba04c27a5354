// The CLI's contract, through the built binary (dist/cli/index.js): exit codes, messages that
// name the file/line/key or process at fault, and no server process left behind.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIXTURES, assertNoSurvivors } from '../supervisor/helpers.js';

const CLI = resolve('dist/cli/index.js');
const NODE_API = resolve('examples/node-api/server.js');
const dir = mkdtempSync(join(tmpdir(), 'lg-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((res) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr });
    }),
  );
}

function config(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const quickLoad =
  'load: { connections: 8, warmup: 300ms, duration: 700ms, rounds: 3 }\nrequests: [ { path: / } ]';

test('no config file: exit 2, names the path it looked for', async () => {
  const r = await cli(['run']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /config file not found: .*loadgate\.yml/);
});

test('usage mistakes: exit 2 with one line and a pointer to the usage text', async () => {
  const r = await cli(['run', '--bogus']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--bogus/);
  assert.match(r.stderr, /loadgate --help/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
});

test('a reader that went away (EPIPE on stdout and stderr) does not change the exit code', async () => {
  const path = config('epipe.yml', [
    'name: x',
    'target: http://127.0.0.1:9',
    'load: { connections: 3',
    '',
  ]);
  for (const args of [['run', '--config', path], ['--help']]) {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // As `| head` does once it has its lines: the read ends close before loadgate writes.
    child.stdout.destroy();
    child.stderr.destroy();
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    assert.equal(code, args[0] === 'run' ? 2 : 0, args.join(' '));
  }
});

test('YAML syntax error: exit 2 with file:line', async () => {
  const path = config('syntax.yml', [
    'name: x',
    'target: http://127.0.0.1:9',
    'load: { connections: 3',
    '',
  ]);
  const r = await cli(['run', '--config', path]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /syntax\.yml:\d+:\d+/);
});

test('unknown key and wrong type: exit 2 naming file:line and key', async () => {
  const path = config('keys.yml', [
    'name: x',
    'target: http://127.0.0.1:9',
    'load:',
    '  conections: 3',
    '  rounds: many',
  ]);
  const r = await cli(['run', '--config', path]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /keys\.yml:4:\d+: load\.conections/);
  assert.match(r.stderr, /keys\.yml:5:\d+: load\.rounds/);
  assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace for a user mistake');
});

test('server command not found: exit 3 with the command and its output', async () => {
  const tag = `cli-notfound-${process.pid}`;
  const path = config('notfound.yml', [
    'server:',
    '  command: no-such-server-binary --port $PORT',
    quickLoad,
  ]);
  const r = await cli(['run', '--config', path], { LOADGATE_TEST_TAG: tag });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /no-such-server-binary/);
  assert.match(r.stderr, /not found|127/);
  await assertNoSurvivors(tag);
});

test('server exits before ready: exit 3 with its last log lines', async () => {
  const tag = `cli-exit-${process.pid}`;
  const path = config('exit.yml', [
    'server:',
    `  command: node ${join(FIXTURES, 'exit-at-boot.js')}`,
    quickLoad,
  ]);
  const json = join(dir, 'exit-report.json');
  const md = join(dir, 'exit-comment.md');
  const r = await cli(['run', '--config', path, '--json', json, '--markdown', md], {
    LOADGATE_TEST_TAG: tag,
  });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /database unreachable \(fixture\)/);
  // A failed run is still a report: both files are written, and say what failed.
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    verdict: string;
    failure: { phase: string; code: string; details: string[] };
  };
  assert.equal(report.verdict, 'error');
  assert.equal(report.failure.phase, 'boot');
  assert.ok(report.failure.details.some((l) => l.includes('database unreachable (fixture)')));
  const comment = readFileSync(md, 'utf8');
  assert.match(comment, /the run failed/);
  assert.match(comment, /#### What failed/);
  assert.match(comment, /database unreachable \(fixture\)/);
  assert.match(r.stdout, /^loadgate · .* · the run failed$/m);
  await assertNoSurvivors(tag);
});

test('a server that dies under load: exit 3, an error report naming the load phase', async () => {
  const tag = `cli-died-${process.pid}`;
  const path = config('died.yml', [
    'server:',
    `  command: node ${join(FIXTURES, 'crash-after.js')}`,
    '  workers: 1',
    // Every (re)started worker dies on its 5th request: a crash loop under load, then dead.
    '  env: { CRASH_AFTER: "5" }',
    quickLoad,
  ]);
  const json = join(dir, 'died-report.json');
  const r = await cli(['run', '--config', path, '--json', json], { LOADGATE_TEST_TAG: tag });
  assert.equal(r.code, 3, r.stderr);
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    verdict: string;
    summary: string;
    failure: { phase: string; code: string };
  };
  assert.equal(report.verdict, 'error');
  assert.equal(report.failure.phase, 'load', report.summary);
  assert.match(report.summary, /^The server failed under load: /);
  await assertNoSurvivors(tag);
});

test('a completed run leaves nothing running, not even a grandchild that called setsid', async () => {
  const tag = `cli-setsid-${process.pid}`;
  const path = config('setsid.yml', [
    'server:',
    `  command: node ${join(FIXTURES, 'setsid-grandchild.js')}`,
    '  workers: 1',
    '  ready: /',
    quickLoad,
  ]);
  const r = await cli(['run', '--config', path, '--baseline-file', join(dir, 'setsid.json')], {
    LOADGATE_TEST_TAG: tag,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /had left the server's process group/);
  await assertNoSurvivors(tag);
});

test('config mistakes that are limits: over 1 MiB, too many requests (exit 2, no stack)', async () => {
  const big = config('big.yml', ['target: http://127.0.0.1:9', 'requests: [ { path: / } ]']);
  writeFileSync(big, `#${'x'.repeat(1024 * 1024)}\n`, { flag: 'a' });
  const r = await cli(['run', '--config', big]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /big\.yml: the config file is 1\.0 MiB, over the limit of 1 MiB/);
  const many = config('many.yml', [
    'target: http://127.0.0.1:9',
    'requests:',
    ...Array.from({ length: 201 }, (_, i) => `  - path: /e${i}`),
  ]);
  const m = await cli(['run', '--config', many]);
  assert.equal(m.code, 2);
  assert.match(m.stderr, /many\.yml:3:\d+: requests: expected at most 200 requests/);
  assert.ok(!/\n\s+at /.test(r.stderr + m.stderr), 'no stack trace');
});

test('readiness timeout: exit 3 naming the timeout and path', async () => {
  const tag = `cli-ready-${process.pid}`;
  const path = config('never.yml', [
    'server:',
    `  command: node ${join(FIXTURES, 'never-ready.js')}`,
    '  ready: { path: /healthz, timeout: 1500ms }',
    quickLoad,
  ]);
  const r = await cli(['run', '--config', path], { LOADGATE_TEST_TAG: tag });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /\/healthz/);
  assert.match(r.stderr, /1\.5 ?s|1500 ?ms/);
  await assertNoSurvivors(tag);
});

const apiConfig = (name: string) =>
  config(name, [
    'name: gate-test',
    'server:',
    `  command: node ${NODE_API}`,
    '  workers: 1',
    '  ready: { path: /health }',
    quickLoad.replace('path: /', 'path: /api/items'),
    'gate: { rps: -5%, p95: +10% }',
  ]);

test('corrupt baseline: a warning, treated as missing (exit 0, no-baseline)', async () => {
  const tag = `cli-corrupt-${process.pid}`;
  const baseline = join(dir, 'corrupt-baseline.json');
  writeFileSync(baseline, '{"schema": 1, "series": {"gate-te');
  const json = join(dir, 'corrupt-report.json');
  const r = await cli(
    ['run', '--config', apiConfig('corrupt.yml'), '--baseline-file', baseline, '--json', json],
    {
      LOADGATE_TEST_TAG: tag,
    },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: .*corrupt-baseline\.json/);
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    verdict: string;
    totals: { requests: number };
  };
  assert.equal(report.verdict, 'no-baseline');
  assert.ok(report.totals.requests > 0);
  await assertNoSurvivors(tag);
});

test('a changed scenario: no-baseline and exit 0, said once, and the history kept', async () => {
  const tag = `cli-scenario-${process.pid}`;
  const baseline = join(dir, 'scenario-baseline.json');
  const path = apiConfig('scenario.yml');
  const env = { LOADGATE_TEST_TAG: tag };
  const first = await cli(
    ['run', '--config', path, '--baseline-file', baseline, '--update-baseline'],
    env,
  );
  assert.equal(first.code, 0, first.stderr);
  const before = readFileSync(baseline, 'utf8');
  // Connections are part of the scenario: the stored run measured another one.
  const json = join(dir, 'scenario-report.json');
  const r = await cli(
    ['run', '--config', path, '--baseline-file', baseline, '--connections', '3', '--json', json],
    env,
  );
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(json, 'utf8')) as { verdict: string; summary: string };
  assert.equal(report.verdict, 'no-baseline');
  assert.match(report.summary, /scenario changed since the baseline \(1 stored run/);
  assert.equal(r.stdout.match(/scenario changed/g)?.length, 1, r.stdout);
  assert.equal(readFileSync(baseline, 'utf8'), before, 'a PR run does not touch the history');
  await assertNoSurvivors(tag);
});

test('a much slower server against its baseline: regression, exit 1', async () => {
  const tag = `cli-regress-${process.pid}`;
  const baseline = join(dir, 'regress-baseline.json');
  const path = apiConfig('regress.yml');
  const first = await cli(
    ['run', '--config', path, '--baseline-file', baseline, '--update-baseline'],
    {
      LOADGATE_TEST_TAG: tag,
    },
  );
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /no baseline/i);
  // The same scenario, but every request now burns CPU: throughput collapses.
  const json = join(dir, 'regress-report.json');
  const second = await cli(['run', '--config', path, '--baseline-file', baseline, '--json', json], {
    LOADGATE_TEST_TAG: tag,
    WORK_ITERATIONS: '3000000',
  });
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    verdict: string;
    metrics: { rps: { change: number } };
    noise: { steal: number | null };
  };
  assert.equal(report.verdict, 'regression', second.stdout);
  assert.equal(second.code, 1);
  assert.ok(report.metrics.rps.change < -0.5, `rps change ${report.metrics.rps.change}`);
  const { steal } = report.noise;
  assert.ok(steal !== null && steal >= 0 && steal <= 1, `steal sampled in stored mode: ${steal}`);
  await assertNoSurvivors(tag);
});
