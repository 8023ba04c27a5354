// An https target with a certificate no public CA signed (a self-signed one, made at test time,
// served on 127.0.0.1): TLS verification refuses it, and target-ca makes it trusted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../support/cli-source.js';

const dir = mkdtempSync(join(tmpdir(), 'lg-https-'));
let server: Server;
let port = 0;
let served = 0;

function makeCertificate(): { key: string; cert: string } {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    assert.fail('this test needs the openssl command to make a self-signed certificate');
  }
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'ca.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'ca.pem'), 'utf8'),
  };
}

before(async () => {
  server = createServer(makeCertificate(), (_req, res) => {
    served += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function config(name: string, extra: string): string {
  const file = join(dir, `${name}.yml`);
  writeFileSync(
    file,
    [
      `name: ${name}`,
      `target: https://127.0.0.1:${port}`,
      extra,
      'load: { connections: 2, warmup: 200ms, duration: 500ms, rounds: 2 }',
      'requests: [ { path: /items } ]',
      `baseline: { file: ${join(dir, `${name}-baseline.json`)} }`,
      '',
    ].join('\n'),
  );
  return file;
}

test('TLS verification is on: a self-signed certificate is refused, naming the cause', async () => {
  const before = served;
  const r = await cli(
    ['run', '-c', config('untrusted', 'target-ready: { path: /, timeout: 2s }'), '--quiet'],
    dir,
  );
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /target https:\/\/127\.0\.0\.1:\d+\/ was not ready within 2s/);
  assert.match(r.stderr, /SELF_SIGNED|self[- ]signed/i);
  assert.equal(served, before, 'no request may be answered over an unverified connection');
});

test('target-ca trusts the certificate for the readiness probe and the load', async () => {
  const out = join(dir, 'trusted.json');
  const r = await cli(
    [
      'run',
      '-c',
      config('trusted', 'target-ca: ca.pem\ntarget-ready: /'),
      '--json',
      out,
      '--quiet',
    ],
    dir,
  );
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    totals: { requests: number; errors: number };
    remoteTarget: boolean;
    target: string;
  };
  assert.ok(report.totals.requests > 0);
  assert.equal(report.totals.errors, 0);
  assert.equal(report.remoteTarget, false);
  assert.equal(report.target, `https://127.0.0.1:${port}`);
});

test('a target-ca file that is missing or not PEM names the key and the file', async () => {
  const missing = await cli(
    ['run', '-c', config('no-ca', 'target-ca: nowhere.pem'), '--quiet'],
    dir,
  );
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /no-ca\.yml: target-ca: cannot read .*nowhere\.pem: no such file/);
  writeFileSync(join(dir, 'not.pem'), 'hello\n');
  const junk = await cli(['run', '-c', config('junk-ca', 'target-ca: not.pem'), '--quiet'], dir);
  assert.equal(junk.code, 2, junk.stderr);
  assert.match(junk.stderr, /target-ca: .*not\.pem holds no PEM certificate/);
});
