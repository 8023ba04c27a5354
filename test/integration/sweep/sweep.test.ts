// `loadgate sweep` end to end through the CLI's main(): real servers on loopback, tiny durations.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main.js';
import { allowedCpus } from '../../../src/sweep/affinity.js';
import type { SweepReport } from '../../../src/sweep/types.js';
import { assertNoSurvivors } from '../supervisor/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'lg-sweep-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const NODE_API = resolve('examples/node-api');
const FIXTURES = resolve('test/integration/sweep/fixtures');
const quickLoad = 'load: { connections: 8, warmup: 300ms, duration: 1s, rounds: 2 }';

async function cli(args: string[]) {
  const tag = randomUUID();
  const out = { stdout: '', stderr: '' };
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const code = await main({
    argv: args,
    env: { ...process.env, LOADGATE_TEST_TAG: tag },
    cwd: dir,
    stdout,
    stderr,
    signal: new AbortController().signal,
  });
  await assertNoSurvivors(tag);
  return { code, ...out };
}

function config(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

test('sweep of the Node example at 1 and 2 copies: points, recommendation, files, nothing left running', async () => {
  const r = await cli([
    'sweep',
    '--config',
    join(NODE_API, 'loadgate.yml'),
    '--workers',
    '1,2',
    '--rounds',
    '2',
    '--duration',
    '1s',
    '--warmup',
    '300ms',
    '--connections',
    '8',
    '--json',
    'sweep.json',
    '--markdown',
    'sweep.md',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')) as SweepReport;
  assert.equal(report.kind, 'sweep');
  assert.equal(report.mode, 'spawn');
  assert.equal(report.load.connections, 8);
  assert.deepEqual(
    report.points.map((p) => p.workers),
    [1, 2],
  );
  for (const p of report.points) {
    assert.equal(p.failure, null);
    assert.ok(p.rps > 0 && p.p95 > 0, `figures at ${p.workers}`);
    assert.equal(p.errorRate, 0);
    assert.ok(p.memoryBytes > 0);
  }
  assert.equal(report.points[1]?.cpuPerWorker.length, 2);
  assert.ok([1, 2].includes(report.recommendation.workers ?? 0));
  assert.match(report.recommendation.reason, /worker/);
  assert.equal(report.pinned, false);
  assert.match(readFileSync(join(dir, 'sweep.md'), 'utf8'), /```mermaid\nxychart-beta/);
  assert.match(r.stdout, /RPS by workers/);
  assert.match(r.stdout, /Recommendation: \d worker/);
});

test('workers: self with {workers} and --cpus 1: the count reaches the command, every worker is pinned', async () => {
  const affinity = mkdtempSync(join(dir, 'aff-'));
  const path = config('self.yml', [
    'name: self-sweep',
    'server:',
    `  command: node ${join(FIXTURES, 'cluster-affinity.js')} {workers}`,
    `  cwd: ${dir}`,
    `  env: { AFFINITY_DIR: ${affinity} }`,
    '  workers: self',
    '  ready: { path: /, timeout: 20s }',
    quickLoad,
    'requests: [ { path: / } ]',
  ]);
  const r = await cli(['sweep', '-c', path, '--workers', '1-2', '--cpus', '1', '--json', 's.json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')) as SweepReport;
  const first = allowedCpus()[0];
  assert.deepEqual(report.cpus, [first]);
  assert.equal(report.pinned, true);
  assert.equal(report.command.includes('{workers}'), true);
  assert.equal(report.points[1]?.cpuPerWorker.length, 2);
  // One worker at the first count, two at the second, each pinned to the first allowed CPU.
  const files = readdirSync(affinity);
  assert.equal(files.length, 3);
  for (const f of files) assert.equal(readFileSync(join(affinity, f), 'utf8'), String(first));
  assert.match(r.stdout, /server pinned to CPU/);
});

test('workers: self without {workers}: exit 2 naming server.command, nothing started', async () => {
  const path = config('no-placeholder.yml', [
    'name: nope',
    'server:',
    `  command: node ${join(FIXTURES, 'cluster-affinity.js')} 2`,
    '  workers: self',
    quickLoad,
    'requests: [ { path: / } ]',
  ]);
  const r = await cli(['sweep', '-c', path, '--workers', '1,2']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no-placeholder\.yml: server\.command: .*\{workers\}/);
  assert.doesNotMatch(r.stderr, /Boot:/);
});

test('a count whose server fails: exit 3, the report keeps the counts that worked', async () => {
  // Fails from the second count on: the fixture refuses to start 2 workers.
  const path = config('fails.yml', [
    'name: fails',
    'server:',
    `  command: node -e "if (process.env.LOADGATE_WORKER === '1') process.exit(7); else import('${join(NODE_API, 'server.js')}')"`,
    '  workers: 1',
    '  ready: { path: /health, timeout: 10s }',
    quickLoad,
    'requests: [ { path: /health } ]',
  ]);
  const r = await cli(['sweep', '-c', path, '--workers', '1,2', '--json', 'f.json']);
  assert.equal(r.code, 3, r.stderr);
  const report = JSON.parse(readFileSync(join(dir, 'f.json'), 'utf8')) as SweepReport;
  assert.equal(report.points[0]?.failure, null);
  assert.match(report.points[1]?.failure ?? '', /exited with code 7/);
  assert.equal(report.recommendation.workers, 1);
  assert.match(report.recommendation.reason, /2 workers failed/);
});

test('a connections list: a second sweep over connections at the recommended count, with its knee', async () => {
  const r = await cli([
    'sweep',
    '-c',
    join(NODE_API, 'loadgate.yml'),
    '--workers',
    '1',
    '--connections',
    '1,4,16',
    '--rounds',
    '2',
    '--duration',
    '1s',
    '--warmup',
    '300ms',
    '--json',
    'c.json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')) as SweepReport;
  assert.equal(report.concurrency?.workers, 1);
  assert.deepEqual(
    report.concurrency?.points.map((p) => p.connections),
    [1, 4, 16],
  );
  for (const p of report.concurrency?.points ?? []) assert.ok(p.rps > 0 && p.failure === null);
  assert.ok(report.concurrency?.reason);
  assert.match(r.stdout, /p95 latency by connections \(at 1 worker\)/);
});
