import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyCliOverrides } from '../../../src/config/overrides.js';
import type { ConfigContext } from '../../../src/config/context.js';
import { configError, minimal, parse, problems } from './helpers.js';

const cli: ConfigContext = { source: 'command line', baseDir: '/work/cwd', env: {}, cores: 4 };

test('flags override the file, parsed with the same units', () => {
  const base = parse(minimal());
  const c = applyCliOverrides(
    base,
    {
      rounds: '3',
      duration: '20s',
      warmup: '0',
      connections: '8',
      name: 'nightly',
      baselineFile: 'out/b.json',
    },
    cli,
  );
  assert.equal(c.load.rounds, 3);
  assert.equal(c.load.durationMs, 20_000);
  assert.equal(c.load.warmupMs, 0);
  assert.equal(c.load.connections, 8);
  assert.equal(c.name, 'nightly');
  assert.deepEqual(c.baseline, { store: 'file', file: '/work/cwd/out/b.json', history: 50 });
  // the input is not changed
  assert.equal(base.load.rounds, 5);
  assert.equal(base.name, 'items-api');
});

test('empty and missing values leave the file alone', () => {
  const base = parse(minimal());
  assert.deepEqual(applyCliOverrides(base, { rounds: '', rate: '  ', name: undefined }, cli), base);
});

test('--rate switches to the open model and drops stages', () => {
  const staged = parse(minimal('load: { model: open, stages: [ { duration: 5s, rate: 10 } ] }\n'));
  const c = applyCliOverrides(staged, { rate: '200' }, cli);
  assert.equal(c.load.model, 'open');
  assert.equal(c.load.rate, 200);
  assert.deepEqual(c.load.stages, []);
  const closed = applyCliOverrides(parse(minimal()), { rate: '50', duration: '3s' }, cli);
  assert.equal(closed.load.model, 'open');
  assert.equal(closed.load.durationMs, 3000);
});

test('--workers and --target', () => {
  const base = parse(minimal());
  const auto = applyCliOverrides(base, { workers: 'auto' }, cli);
  assert.equal(auto.server?.workers.mode, 'spawn');
  assert.equal(auto.server?.workers.count, 3);
  assert.equal(applyCliOverrides(base, { workers: '2' }, cli).server?.workers.count, 2);
  assert.deepEqual(applyCliOverrides(auto, { workers: 'self' }, cli).server?.workers, {
    mode: 'self',
    count: null,
  });
  const t = applyCliOverrides(base, { target: 'http://localhost:9000/' }, cli);
  assert.equal(t.target, 'http://localhost:9000');
  assert.equal(t.server, null);
});

test('bad flag values are errors naming the flag, all at once', () => {
  const e = configError(() =>
    applyCliOverrides(
      parse(minimal()),
      { connections: 'lots', rounds: '0', workers: '1000', duration: '5x' },
      cli,
    ),
  );
  const lines = problems(e);
  assert.equal(lines.length, 4);
  assert.ok(
    lines.includes('command line: --rounds: expected a whole number from 1 to 100, got "0"'),
    lines.join('\n'),
  );
  assert.ok(
    lines.includes(
      'command line: --connections: expected a whole number from 1 to 10000, got "lots"',
    ),
  );
  assert.ok(lines.some((l) => /^command line: --duration: expected a duration like/.test(l)));
  assert.ok(
    lines.some((l) =>
      /^command line: --workers: expected self, auto or a whole number of workers from 1 to 256, got "1000"/.test(
        l,
      ),
    ),
  );
  assert.equal(e.exitCode, 2);
});

test('flag rules: target must be loopback, workers need a server, staged duration, names', () => {
  const base = parse(minimal());
  assert.match(
    configError(() => applyCliOverrides(base, { target: 'http://192.168.1.2' }, cli)).message,
    /^command line: --target: only loopback hosts/,
  );
  const t = parse('target: http://127.0.0.1:1\nrequests: [ { path: /a } ]\n');
  assert.match(
    configError(() => applyCliOverrides(t, { workers: '2' }, cli)).message,
    /--workers: workers apply to a server loadgate boots/,
  );
  const staged = parse(minimal('load: { model: open, stages: [ { duration: 5s, rate: 10 } ] }\n'));
  assert.match(
    configError(() => applyCliOverrides(staged, { duration: '9s' }, cli)).message,
    /--duration: the load has stages/,
  );
  assert.match(
    configError(() => applyCliOverrides(base, { name: '../x' }, cli)).message,
    /--name: expected a name/,
  );
  assert.match(
    configError(() => applyCliOverrides(base, { rate: '0' }, cli)).message,
    /--rate: expected a rate in requests per second above 0/,
  );
});

test('cross-key rules are checked again after overrides', () => {
  const ab = parse(minimal('compare: base\n'));
  assert.match(
    configError(() => applyCliOverrides(ab, { target: 'http://127.0.0.1:8080' }, cli)).message,
    /^command line: compare: compare: base boots the base commit/,
  );
  const shared = parse(
    minimal('').replace('node server.js', 'node server.js\n  workers: 2\n  socket: shared'),
  );
  assert.match(
    configError(() => applyCliOverrides(shared, { workers: 'self' }, cli)).message,
    /server\.socket: socket: shared needs workers: N or auto/,
  );
});

test('style input names action inputs instead of flags', () => {
  const e = configError(() =>
    applyCliOverrides(
      parse(minimal()),
      { connections: 'x' },
      { ...cli, source: 'action inputs' },
      'input',
    ),
  );
  assert.equal(
    e.message,
    'action inputs: input "connections": expected a whole number from 1 to 10000, got "x"',
  );
});
