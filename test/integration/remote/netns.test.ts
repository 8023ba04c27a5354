// A remote target that is still this machine: the test makes a network namespace with its own
// address (a veth pair, 10.213.<n>.2 inside, .1 here) and serves the API in it. No traffic
// leaves the machine. Root-only (ip netns): without it the test fails and says why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../support/cli-source.js';

const dir = mkdtempSync(join(tmpdir(), 'lg-netns-'));
const tag = process.pid % 10_000;
const NS = `lg-remote-${tag}`;
const HOST_IF = `lgr${tag}a`;
const NS_IF = `lgr${tag}b`;
const SUBNET = 1 + (process.pid % 250);
const HOST_ADDR = `10.213.${SUBNET}.1`;
const NS_ADDR = `10.213.${SUBNET}.2`;
const PORT = 18_080;
const TARGET = `http://${NS_ADDR}:${PORT}`;
let server: ChildProcess | null = null;

// Answers 503 on /health for its first three probes (a preview still deploying), then 200.
const SERVER = `
import http from 'node:http';
let health = 0; let served = 0;
http.createServer((req, res) => {
  if (req.url === '/health') {
    health += 1;
    res.writeHead(health <= 3 ? 503 : 200); return res.end();
  }
  if (req.url === '/stats') { res.writeHead(200); return res.end(JSON.stringify({ health, served })); }
  served += 1;
  res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}');
}).listen(${PORT}, '${NS_ADDR}', () => process.stdout.write('listening\\n'));
`;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function requireRoot(): void {
  if (process.getuid?.() !== 0) {
    assert.fail('this test creates a network namespace (ip netns, veth): it must run as root');
  }
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    assert.fail('this test needs the ip command (iproute2) to create a network namespace');
  }
}

before(async () => {
  requireRoot();
  ip('netns', 'add', NS);
  ip('link', 'add', HOST_IF, 'type', 'veth', 'peer', 'name', NS_IF);
  ip('link', 'set', NS_IF, 'netns', NS);
  ip('addr', 'add', `${HOST_ADDR}/30`, 'dev', HOST_IF);
  ip('link', 'set', HOST_IF, 'up');
  ip('-n', NS, 'addr', 'add', `${NS_ADDR}/30`, 'dev', NS_IF);
  ip('-n', NS, 'link', 'set', NS_IF, 'up');
  ip('-n', NS, 'link', 'set', 'lo', 'up');
  const file = join(dir, 'server.mjs');
  writeFileSync(file, SERVER);
  const child = spawn('ip', ['netns', 'exec', NS, process.execPath, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the namespace's server exited (${code})`)));
  });
});

after(() => {
  server?.kill('SIGKILL');
  // Deleting the namespace deletes its end of the veth pair, and with it this end.
  try {
    ip('netns', 'del', NS);
  } catch {
    /* never created */
  }
  try {
    ip('link', 'del', HOST_IF);
  } catch {
    /* already gone with the namespace */
  }
  rmSync(dir, { recursive: true, force: true });
});

async function stats(): Promise<{ health: number; served: number }> {
  const res = await fetch(`${TARGET}/stats`);
  return (await res.json()) as { health: number; served: number };
}

function config(name: string, extra: string): string {
  const file = join(dir, `${name}.yml`);
  writeFileSync(
    file,
    [
      `name: ${name}`,
      `target: ${TARGET}`,
      extra,
      'load: { connections: 2, warmup: 200ms, duration: 500ms, rounds: 2 }',
      'requests: [ { path: /items } ]',
      `baseline: { file: ${join(dir, `${name}-baseline.json`)} }`,
      '',
    ].join('\n'),
  );
  return file;
}

test('without allow-remote-target the address is refused before any request, naming the key', async () => {
  const r = await cli(['run', '-c', config('refused', ''), '--quiet'], dir);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /refused\.yml:2:9: target: only loopback hosts/);
  assert.match(r.stderr, /allow-remote-target: true/);
  assert.deepEqual(await stats(), { health: 0, served: 0 });
});

test('with allow-remote-target the run waits for readiness, loads the URL and says it was remote', async () => {
  const out = join(dir, 'remote.json');
  const md = join(dir, 'remote.md');
  const r = await cli(
    [
      'run',
      '-c',
      config('remote', 'allow-remote-target: true\ntarget-ready: /health'),
      '--json',
      out,
      '--markdown',
      md,
      '--quiet',
    ],
    dir,
  );
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    remoteTarget: boolean;
    target: string;
    totals: { requests: number; errors: number };
  };
  assert.equal(report.remoteTarget, true);
  assert.equal(report.target, TARGET);
  assert.equal(report.totals.errors, 0);
  const seen = await stats();
  assert.ok(seen.health >= 4, `readiness gave up early: ${seen.health} probes`);
  assert.ok(report.totals.requests > 0 && report.totals.requests <= seen.served);
  assert.match(readFileSync(md, 'utf8'), /\*\*Target:\*\* remote/);
});
