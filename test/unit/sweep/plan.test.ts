import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, ExitCode } from '../../../src/errors.js';
import { parseConfigText } from '../../../src/config/index.js';
import {
  sweepableServer,
  configForPoint,
  defaultWorkerCounts,
  parseCpuList,
  parseWorkerList,
  resolveCpus,
  sweepOptionsFromText,
} from '../../../src/sweep/plan.js';

function config(server: string) {
  return parseConfigText(`name: x\n${server}\nrequests: [ { path: / } ]\n`, {
    source: '/p/loadgate.yml',
    baseDir: '/p',
    env: {},
    cores: 2,
  });
}

test('default counts: 1 .. 2 x cores + 1; many cores get a spread, not every count', () => {
  assert.deepEqual(defaultWorkerCounts(2), [1, 2, 3, 4, 5]);
  assert.deepEqual(defaultWorkerCounts(1), [1, 2, 3]);
  assert.deepEqual(defaultWorkerCounts(32), [1, 2, 4, 8, 16, 32, 64, 65]);
});

test('worker lists: numbers and ranges, sorted, without repeats', () => {
  assert.deepEqual(parseWorkerList('4,1,2'), [1, 2, 4]);
  assert.deepEqual(parseWorkerList('1-3, 8,2'), [1, 2, 3, 8]);
  for (const bad of ['0', 'a', '5-2', '1,,2', '', '1-100']) {
    assert.throws(
      () => parseWorkerList(bad),
      (e: unknown) => e instanceof ConfigError && /^--workers: /.test(e.message),
      bad,
    );
  }
});

test('CPU lists in the kernel form', () => {
  assert.deepEqual(parseCpuList('0-2,5'), [0, 1, 2, 5]);
  assert.equal(parseCpuList('x'), null);
  assert.equal(parseCpuList('3-1'), null);
});

test('--cpus: a count takes the first allowed CPUs; a list must be allowed', () => {
  assert.deepEqual(resolveCpus('1', [0, 1]), [0]);
  assert.deepEqual(resolveCpus('1', [2, 3]), [2]);
  assert.deepEqual(resolveCpus('0-1', [0, 1]), [0, 1]);
  assert.deepEqual(resolveCpus('1-1', [0, 1]), [1]);
  assert.throws(() => resolveCpus('3', [0, 1]), /--cpus: expected a CPU count from 1 to 2/);
  assert.throws(() => resolveCpus('0', [0, 1]), /expected a CPU count/);
  assert.throws(() => resolveCpus('2-2', [0, 1]), /--cpus: CPU 2 not available: .*CPU 0,1/);
  assert.throws(() => resolveCpus('zero', [0, 1]), /--cpus: expected a CPU count \(1\) or a list/);
});

test('options from action inputs name the inputs', () => {
  const allowed = () => [0, 1];
  assert.throws(
    () => sweepOptionsFromText({ workers: 'x', cpus: null, connections: null }, 'input', allowed),
    /input "sweep-workers"/,
  );
  assert.deepEqual(
    sweepOptionsFromText({ workers: ' ', cpus: '1', connections: '1,8' }, 'input', allowed),
    { workers: null, cpus: [0], connections: [1, 8] },
  );
});

test('workers: self without {workers}: ConfigError (exit 2) naming the file and server.command', () => {
  const c = config('server:\n  command: gunicorn app -w 2 --bind 127.0.0.1:$PORT\n  workers: self');
  assert.throws(
    () => sweepableServer(c),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.exitCode === ExitCode.usage &&
      e.code === 'LG_SWEEP_PLACEHOLDER' &&
      /^\/p\/loadgate\.yml: server\.command: .*\{workers\}/.test(e.message),
  );
});

test('a target instead of a server cannot be swept', () => {
  const c = parseConfigText('name: x\ntarget: http://127.0.0.1:8000\nrequests: [ { path: / } ]\n', {
    source: 'f.yml',
    baseDir: '/p',
    env: {},
    cores: 2,
  });
  assert.throws(() => sweepableServer(c), /f\.yml: server: a sweep boots the API/);
});

test('a point: self mode fills {workers}, setup only when asked, CPUs pinned', () => {
  const c = config(
    'server:\n  command: gunicorn app -w {workers} --bind 127.0.0.1:$PORT\n  workers: self\n  setup: migrate',
  );
  sweepableServer(c);
  const p = configForPoint(c, { workers: 3, cpus: [0], runSetup: false });
  assert.equal(p.server?.command, 'gunicorn app -w 3 --bind 127.0.0.1:$PORT');
  assert.deepEqual(p.server?.workers, { mode: 'self', count: 3 });
  assert.deepEqual(p.server?.setup, []);
  assert.deepEqual(p.server?.cpus, [0]);
  assert.deepEqual(configForPoint(c, { workers: 1, cpus: null, runSetup: true }).server?.setup, [
    'migrate',
  ]);
  // The original config is not changed.
  assert.equal(c.server?.command, 'gunicorn app -w {workers} --bind 127.0.0.1:$PORT');
});

test('a point: spawn mode sets the copy count; connections override the load', () => {
  const c = config('server:\n  command: node server.js\n  workers: 2');
  const p = configForPoint(c, { workers: 4, cpus: null, runSetup: true, connections: 8 });
  assert.equal(p.server?.workers.mode, 'spawn');
  assert.equal(p.server?.workers.count, 4);
  assert.equal(p.server?.command, 'node server.js');
  assert.equal(p.load.connections, 8);
  assert.equal(c.load.connections, 32);
});
