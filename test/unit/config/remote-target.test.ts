import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyCliOverrides } from '../../../src/config/overrides.js';
import { targetReadiness, isRemoteTarget } from '../../../src/config/target.js';
import { assertProblem, configError, ctx, minimal, parse, problems } from './helpers.js';

const remote = (extra = '') =>
  `target: https://pr-42.preview.example.com\nrequests: [ { path: /a } ]\n${extra}`;

test('a remote target without allow-remote-target is an error naming the key', () => {
  const line = assertProblem(remote(), /^loadgate\.yml:1:9: target: only loopback hosts/);
  assert.match(line, /allow-remote-target: true/);
  assert.match(line, /pr-42\.preview\.example\.com/);
});

test('allow-remote-target: true accepts any http(s) URL and waits for it by default', () => {
  const config = parse(remote('allow-remote-target: true\n'));
  assert.equal(config.target, 'https://pr-42.preview.example.com');
  assert.deepEqual(config.targetAccess, { allowRemote: true, caFile: null, ready: null });
  assert.equal(isRemoteTarget(config.target), true);
  assert.deepEqual(targetReadiness(config.target, config.targetAccess), {
    path: '/',
    timeoutMs: 600_000,
    status: null,
    successes: 1,
  });
  // Still only a URL with scheme, host and port.
  assertProblem(
    remote('allow-remote-target: true\n').replace('example.com', 'example.com/api'),
    /target: expected just scheme, host and port/,
  );
});

test('a loopback target waits only when target-ready is given', () => {
  const plain = parse('target: http://127.0.0.1:8080\nrequests: [ { path: /a } ]\n');
  assert.equal(isRemoteTarget(plain.target), false);
  assert.equal(targetReadiness(plain.target, plain.targetAccess), null);
  const waits = parse(
    'target: http://127.0.0.1:8080\ntarget-ready: /health\nrequests: [ { path: /a } ]\n',
  );
  assert.deepEqual(targetReadiness(waits.target, waits.targetAccess), {
    path: '/health',
    timeoutMs: 600_000,
    status: null,
    successes: 1,
  });
  const full = parse(
    remote(
      'allow-remote-target: true\ntarget-ready: { path: /up, timeout: 2m, status: 204, successes: 3 }\n',
    ),
  );
  assert.deepEqual(full.targetAccess?.ready, {
    path: '/up',
    timeoutMs: 120_000,
    status: 204,
    successes: 3,
  });
});

test('target-ca is resolved against the config folder; bad values name the key', () => {
  const config = parse(remote('allow-remote-target: true\ntarget-ca: certs/ca.pem\n'));
  assert.equal(config.targetAccess?.caFile, '/repo/items-api/certs/ca.pem');
  assertProblem(
    remote('allow-remote-target: yes-please\n'),
    /allow-remote-target: expected true or false/,
  );
  assertProblem(remote('target-ready: health\n'), /target-ready: expected a path starting with \//);
  assertProblem(
    remote('target-ready: { timeout: 0 }\n'),
    /target-ready\.timeout: expected a duration/,
  );
});

test('the target keys with server: are errors naming each key', () => {
  const e = configError(() =>
    parse(minimal('allow-remote-target: true\ntarget-ca: ca.pem\ntarget-ready: /health\n')),
  );
  const lines = problems(e);
  for (const key of ['allow-remote-target', 'target-ca', 'target-ready']) {
    assert.ok(
      lines.some((l) => l.includes(`${key}: ${key} applies to target:`)),
      `no problem for ${key} in:\n${lines.join('\n')}`,
    );
  }
});

test('--target may name a remote URL only when the file opted in', () => {
  const local = parse('target: http://127.0.0.1:8080\nrequests: [ { path: /a } ]\n');
  const refused = configError(() =>
    applyCliOverrides(local, { target: 'http://10.0.0.5:80' }, { ...ctx, source: 'command line' }),
  );
  assert.match(refused.message, /--target: only loopback hosts.*allow-remote-target/);
  const optedIn = parse(
    'target: http://127.0.0.1:8080\nallow-remote-target: true\nrequests: [ { path: /a } ]\n',
  );
  const next = applyCliOverrides(
    optedIn,
    { target: 'http://10.0.0.5:80' },
    { ...ctx, source: 'command line' },
  );
  assert.equal(next.target, 'http://10.0.0.5');
  assert.deepEqual(targetReadiness(next.target, next.targetAccess)?.path, '/');
});
