import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigContext } from '../../../src/config/context.js';
import { configFromInputs, type ActionInputs } from '../../../src/config/inputs.js';
import { configError, minimal } from './helpers.js';

const action: ConfigContext = {
  source: 'action inputs',
  baseDir: '/ws/repo',
  env: { T: 'x' },
  cores: 2,
};
const ctxFile: ConfigContext = { ...action, source: '/ws/repo/loadgate.yml', baseDir: '/ws/repo' };
const perf: ConfigContext = { ...action, source: 'perf/loadgate.yml', baseDir: '/ws/repo/perf' };
/** The action's way: the caller read the file and passes its text with the inputs. */
const withFile = (text: string, inputs: ActionInputs = {}, c = ctxFile) =>
  configFromInputs({ config: 'loadgate.yml', ...inputs, configText: text }, c);

test('config-less: command + url-path boot a server and GET one path', () => {
  const c = configFromInputs(
    { command: 'node api.js', 'url-path': '/items', 'ready-path': '/health', workers: 'auto' },
    action,
  );
  assert.equal(c.source, null);
  assert.equal(c.name, 'repo');
  assert.equal(c.baseDir, '/ws/repo');
  assert.equal(c.server?.command, 'node api.js');
  assert.equal(c.server?.cwd, '/ws/repo');
  assert.equal(c.server?.ready.path, '/health');
  assert.equal(c.server?.workers.mode, 'spawn');
  assert.equal(c.server?.workers.count, 1);
  assert.equal(c.requests.length, 1);
  assert.deepEqual(c.requests[0], {
    name: 'GET /items',
    method: 'GET',
    path: '/items',
    query: {},
    headers: {},
    body: { kind: 'none' },
    weight: 1,
    expect: { status: [], bodyContains: null },
  });
  assert.equal(c.load.connections, 32, 'defaults apply');
});

test('config-less: target with numbers and a rate', () => {
  const c = configFromInputs(
    {
      target: 'http://127.0.0.1:8080',
      rounds: '3',
      duration: '5s',
      connections: '16',
      rate: '100',
      name: 'api',
    },
    action,
  );
  assert.equal(c.target, 'http://127.0.0.1:8080');
  assert.equal(c.server, null);
  assert.equal(c.requests[0]?.path, '/');
  assert.equal(c.name, 'api');
  assert.deepEqual(
    [c.load.rounds, c.load.durationMs, c.load.connections, c.load.model, c.load.rate],
    [3, 5000, 16, 'open', 100],
  );
});

test('empty inputs are unset; nothing at all is an error saying what to set', () => {
  const e = configError(() => configFromInputs({ config: '', command: '  ', rounds: '' }, action));
  assert.match(
    e.message,
    /^action inputs: set input "config" \(a loadgate\.yml\), "command" \(a server to boot\) or "target"/,
  );
});

test('input errors name the input', () => {
  assert.match(
    configError(() => configFromInputs({ command: 'x', target: 'http://127.0.0.1:1' }, action))
      .message,
    /inputs "command" and "target" exclude each other/,
  );
  assert.equal(
    configError(() => configFromInputs({ command: 'x', 'url-path': 'items' }, action)).message,
    'action inputs: input "url-path": expected a path starting with /, got "items"',
  );
  assert.match(
    configError(() =>
      configFromInputs({ target: 'http://127.0.0.1:1', 'ready-path': '/h' }, action),
    ).message,
    /input "ready-path": applies to a server loadgate boots/,
  );
  assert.match(
    configError(() => configFromInputs({ target: 'http://10.1.1.1' }, action)).message,
    /^action inputs: input "target": only loopback hosts/,
  );
  assert.match(
    configError(() => configFromInputs({ command: 'x', workers: '0' }, action)).message,
    /^action inputs: input "workers": expected self, auto or a whole number/,
  );
});

test('a config file: its errors name the file; its paths are relative to its folder', () => {
  const c = withFile(minimal('data: { file: rows.csv }\n'), { config: 'perf/loadgate.yml' }, perf);
  assert.equal(c.source, 'perf/loadgate.yml');
  assert.equal(c.baseDir, '/ws/repo/perf');
  assert.equal(c.name, 'perf');
  assert.equal(c.data?.file, '/ws/repo/perf/rows.csv');
  const e = configError(() => withFile(minimal('load: { rounds: many }\n'), {}, perf));
  assert.match(e.message, /^perf\/loadgate\.yml:5:17: load\.rounds: expected a whole number/);
  assert.match(
    configError(() => configFromInputs({ config: 'x.yml' }, action)).message,
    /^action inputs: input "config" names x\.yml, but its text was not read/,
  );
});

test('the default file (no config input) is parsed when its text is passed', () => {
  const c = configFromInputs({ configText: minimal() }, ctxFile);
  assert.equal(c.source, '/ws/repo/loadgate.yml');
  assert.equal(c.name, 'repo');
  const e = configError(() =>
    configFromInputs({ configText: minimal('load: { rounds: 0 }\n') }, ctxFile),
  );
  assert.match(e.message, /^\/ws\/repo\/loadgate\.yml:5:17: load\.rounds/);
  assert.match(
    configError(() => configFromInputs({ configText: minimal(), rounds: 'x' }, ctxFile)).message,
    /^action inputs: input "rounds": expected a whole number/,
  );
});

test('inline inputs override the file', () => {
  const file = minimal('name: from-file\nload: { rounds: 7, connections: 4 }\n').replace(
    'node server.js',
    'node server.js\n  ready: /ready',
  );
  const c = withFile(file, {
    command: 'node other.js',
    'ready-path': '/up',
    'url-path': '/ping',
    rounds: '2',
    name: 'inline',
    workers: '3',
  });
  assert.equal(c.server?.command, 'node other.js');
  assert.equal(c.server?.ready.path, '/up');
  assert.equal(c.server?.workers.count, 3);
  assert.deepEqual(
    c.requests.map((r) => r.path),
    ['/ping'],
  );
  assert.equal(c.load.rounds, 2);
  assert.equal(c.load.connections, 4, 'values not given inline stay');
  assert.equal(c.name, 'inline');
});

test('inline command replaces a file target; inline target replaces a file server', () => {
  const fileTarget = 'target: http://127.0.0.1:9\nrequests: [ { path: /a } ]\n';
  const c = withFile(fileTarget, { command: 'node a.js' });
  assert.equal(c.target, null);
  assert.equal(c.server?.command, 'node a.js');
  assert.equal(c.server?.ready.path, '/');
  assert.equal(c.server?.cwd, '/ws/repo');
  const d = withFile(minimal(), { target: 'http://127.0.0.1:7' });
  assert.equal(d.server, null);
  assert.equal(d.target, 'http://127.0.0.1:7');
});
