import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExitCode } from '../../../src/errors.js';
import { assertProblem, configError, minimal, parse, problems } from './helpers.js';

test('a wrong type names file:line:col, the key, what was expected and what was found', () => {
  const text = [
    'name: items-api',
    'server:',
    '  command: node server.js',
    'requests:',
    '  - path: /a',
    'load:',
    '  connections: lots',
  ].join('\n');
  const e = configError(() => parse(text));
  assert.equal(
    e.message,
    'loadgate.yml:7:16: load.connections: expected a whole number from 1 to 10000, got "lots"',
  );
  assert.equal(e.code, 'LG_CONFIG');
  assert.equal(e.exitCode, ExitCode.usage);
  assert.deepEqual(e.details, []);
});

test('YAML syntax errors carry a line and column', () => {
  const e = configError(() => parse('server:\n  command: x\nrequests: [ { path: /a }\n'));
  assert.match(e.message, /^loadgate\.yml:\d+:\d+: YAML syntax error: /);
  assert.equal(e.code, 'LG_CONFIG_YAML');
  const dup = configError(() => parse('server:\n  command: x\nserver:\n  command: y\n'));
  assert.match(dup.message, /^loadgate\.yml:3:1: YAML syntax error: Map keys must be unique/);
});

test('an empty file and a file that is not a mapping are errors', () => {
  assert.match(configError(() => parse('')).message, /^loadgate\.yml:1:1: the file is empty/);
  assert.match(configError(() => parse('# nothing\n')).message, /the file is empty/);
  assert.match(
    configError(() => parse('- a\n- b\n')).message,
    /^loadgate\.yml:1:1: expected a mapping/,
  );
});

test('several problems are all reported, the first (in file order) in the message', () => {
  const text = minimal('load:\n  rounds: 0\n  warmup: soon\ngate:\n  rps: lots\n');
  const e = configError(() => parse(text));
  assert.match(
    e.message,
    /^loadgate\.yml:6:11: load\.rounds: expected a whole number from 1 to 100, got 0 \(and 2 more problems\)$/,
  );
  assert.equal(e.details.length, 2);
  assert.match(e.details[0] ?? '', /^loadgate\.yml:7:11: load\.warmup: expected a duration/);
  assert.match(e.details[1] ?? '', /^loadgate\.yml:9:8: gate\.rps: expected a percentage/);
});

test('unknown keys are errors pointing at the key, with a suggestion', () => {
  assert.equal(
    assertProblem('server:\n  comand: x\nrequests: [ { path: /a } ]\n', /comand/),
    'loadgate.yml:2:3: server.comand: unknown key "comand" (did you mean "command"?)',
  );
  assertProblem(
    minimal('frobnicate: 1\n'),
    /^loadgate\.yml:5:1: frobnicate: unknown key "frobnicate" \(expected one of: name, server, target/,
  );
  assertProblem(
    minimal('load: { conections: 3 }\n'),
    /load\.conections: unknown key "conections" \(did you mean "connections"\?\)/,
  );
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: /a, wieght: 2 }\n',
    /^loadgate\.yml:3:17: requests\[0\]\.wieght: unknown key "wieght" \(did you mean "weight"\?\)/,
  );
  // weight belongs to load requests, not to setup requests
  assertProblem(
    minimal('setup:\n  - { path: /login, weight: 2 }\n'),
    /setup\[0\]\.weight: unknown key/,
  );
});

test('required keys: server.command and requests', () => {
  assertProblem(
    'server: { cwd: app }\nrequests: [ { path: /a } ]\n',
    /^loadgate\.yml:1:1: server\.command: is required \(expected a shell command/,
  );
  assertProblem(
    'server: { command: x }\n',
    /^loadgate\.yml:1:1: requests: is required \(expected a list of requests\)/,
  );
  assertProblem(
    'server: { command: x }\nrequests: []\n',
    /requests: expected at least one request, got a list/,
  );
  assertProblem(
    'server: { command: x }\nrequests: [ { method: GET } ]\n',
    /requests\[0\]\.path: is required/,
  );
  assertProblem(
    'server: { command: "" }\nrequests: [ { path: /a } ]\n',
    /server\.command: expected a shell command that starts the API, not empty/,
  );
});

test('exactly one of server and target', () => {
  assertProblem(
    'requests: [ { path: /a } ]\n',
    /^loadgate\.yml:1:1: expected exactly one of server: .* or target:/,
  );
  assertProblem(
    minimal('target: http://127.0.0.1:8080\n'),
    /^loadgate\.yml:5:1: target: expected exactly one of server:/,
  );
});

test('target must be a loopback URL without a path', () => {
  const t = (url: string) => `target: ${url}\nrequests: [ { path: /a } ]\n`;
  assertProblem(
    t('http://10.0.0.5:8080'),
    /^loadgate\.yml:1:9: target: only loopback hosts \(127\.0\.0\.0\/8, ::1, localhost\) are accepted.*got "http:\/\/10\.0\.0\.5:8080"/,
  );
  assertProblem(t('http://example.com'), /target: only loopback hosts/);
  assertProblem(t('not a url'), /target: expected a URL like http:\/\/127\.0\.0\.1:8080/);
  assertProblem(t('ftp://127.0.0.1'), /target: expected an http:\/\/ or https:\/\/ URL/);
  assertProblem(t('http://127.0.0.1:8080/api'), /target: expected just scheme, host and port/);
  assertProblem(t('8080'), /target: expected a URL like/);
});

test('env, header, query and vars values must be strings, with a hint to quote', () => {
  assert.equal(
    assertProblem(
      minimal('').replace('node server.js', 'node server.js\n  env: { WORKERS: 4, DEBUG: true }'),
      /WORKERS/,
    ),
    'loadgate.yml:3:19: server.env.WORKERS: expected a string: quote it ("4"), got 4',
  );
  assertProblem(
    minimal('').replace('node server.js', 'node server.js\n  env: { WORKERS: 4, DEBUG: true }'),
    /server\.env\.DEBUG: expected a string: quote it \("true"\), got true/,
  );
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: /a, headers: { X-Id: 7 } }\n',
    /^loadgate\.yml:3:34: requests\[0\]\.headers\.X-Id: expected a string: quote it/,
  );
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: /a, query: { page: 1 } }\n',
    /requests\[0\]\.query\.page: expected a string: quote it \("1"\)/,
  );
  assertProblem(minimal('vars: { n: 1 }\n'), /vars\.n: expected a string/);
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: /a, headers: { "Bad Name": v } }\n',
    /requests\[0\]\.headers\["Bad Name"\]: "Bad Name" is not a valid header name/,
  );
});

test('workers: self, auto or 1..256', () => {
  const w = (v: string) => minimal('').replace('node server.js', `node server.js\n  workers: ${v}`);
  for (const bad of ['0', '1000', 'many', '-1', '2.5']) {
    assertProblem(
      w(bad),
      /^loadgate\.yml:3:12: server\.workers: expected self, auto or a whole number of workers from 1 to 256/,
    );
  }
  assert.equal(parse(w('3')).server?.workers.count, 3);
});

test('methods must be known; paths must start with /', () => {
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: /a, method: FETCH }\n',
    /requests\[0\]\.method: expected an HTTP method: one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "FETCH"/,
  );
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: api/items }\n',
    /^loadgate\.yml:3:13: requests\[0\]\.path: expected a path starting with \/, got "api\/items"/,
  );
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: "/a b" }\n',
    /requests\[0\]\.path: expected a path without spaces or #/,
  );
  assertProblem(
    minimal('').replace('node server.js', 'node server.js\n  ready: health'),
    /^loadgate\.yml:3:10: server\.ready: expected a path starting with \/, got "health"/,
  );
});

test('rates, connections and weights must be positive', () => {
  assertProblem(
    minimal('load: { connections: 0 }\n'),
    /load\.connections: expected a whole number from 1 to 10000, got 0/,
  );
  assertProblem(
    minimal('load: { connections: 20000 }\n'),
    /load\.connections: expected a whole number from 1 to 10000/,
  );
  assertProblem(
    minimal('load: { model: open, rate: 0 }\n'),
    /load\.rate: expected a rate in requests per second above 0/,
  );
  assertProblem(minimal('load: { model: open, rate: -5 }\n'), /load\.rate: expected a rate/);
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: /a, weight: 0 }\n',
    /requests\[0\]\.weight: expected a weight above 0/,
  );
  assertProblem(
    minimal('load: { threads: 0 }\n'),
    /load\.threads: expected a whole number from 1 to 64/,
  );
});

test('load model rules: open needs rate or stages; closed takes neither', () => {
  assertProblem(
    minimal('load:\n  model: open\n'),
    /^loadgate\.yml:6:10: load\.model: the open model needs rate: \(requests per second\) or stages:$/,
  );
  assertProblem(
    minimal('load:\n  rate: 100\n'),
    /^loadgate\.yml:6:3: load\.rate: rate applies to model: open/,
  );
  assertProblem(
    minimal('load:\n  stages: [ { duration: 5s, rate: 10 } ]\n'),
    /load\.stages: stages apply to model: open/,
  );
  assertProblem(
    minimal('load: { model: sideways }\n'),
    /load\.model: expected one of: closed, open, got "sideways"/,
  );
  assertProblem(
    minimal('load:\n  model: open\n  duration: 5s\n  stages: [ { duration: 10s, rate: 10 } ]\n'),
    /load\.duration: with stages the duration is their sum \(10s\)/,
  );
  assertProblem(
    minimal('load:\n  model: open\n  stages: [ { duration: 10s } ]\n'),
    /load\.stages\[0\]\.rate: is required/,
  );
});

test('durations: units, bare seconds, ranges', () => {
  assertProblem(
    minimal('load: { warmup: 5x }\n'),
    /load\.warmup: expected a duration like 500ms, 10s, 2m, 1m30s or a number of seconds, got "5x"/,
  );
  assertProblem(minimal('load: { duration: -1 }\n'), /load\.duration: expected a duration like/);
  assertProblem(
    minimal('load: { duration: 0 }\n'),
    /load\.duration: expected a duration from 100ms to 60m, got 0/,
  );
  assertProblem(minimal('load: { timeout: true }\n'), /load\.timeout: expected a duration like/);
});

test('gate values: the sign must match the direction', () => {
  assertProblem(
    minimal('gate: { rps: +5% }\n'),
    /^loadgate\.yml:5:14: gate\.rps: rps is the allowed drop: write -5% or 5%, got "\+5%"/,
  );
  assertProblem(
    minimal('gate: { p95: -10% }\n'),
    /gate\.p95: p95 is the allowed rise: write \+10% or 10%, got "-10%"/,
  );
  assertProblem(
    minimal('gate: { errors: +1% }\n'),
    /gate\.errors: errors is an absolute ceiling: write 1% without a sign/,
  );
  assertProblem(
    minimal('gate: { p95: 10 }\n'),
    /gate\.p95: expected a percentage .*did you mean 10%\?/,
  );
  assertProblem(minimal('gate: { rps: -150% }\n'), /gate\.rps: expected rps from 0% to 100%/);
  assertProblem(minimal('gate: { errors: lots }\n'), /gate\.errors: expected a percentage like 5%/);
  assertProblem(
    minimal('gate: { fail-on: always }\n'),
    /gate\.fail-on: expected one of: regression, inconclusive/,
  );
});

test('request bodies: json and body exclude each other; content-type goes with body', () => {
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: /a, method: POST, json: { a: 1 }, body: x }\n',
    /requests\[0\]\.json: json and body are mutually exclusive/,
  );
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: /a, json: { a: 1 }, content-type: text/plain }\n',
    /requests\[0\]\.content-type: content-type goes with body:/,
  );
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: /a, body: 5 }\n',
    /requests\[0\]\.body: expected a string: quote it/,
  );
});

test('names: duplicates, invalid series names', () => {
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: /a }\n  - { path: /a }\n',
    /^loadgate\.yml:4:5: requests\[1\]\.name: duplicate name "GET \/a" \(also requests\[0\]\)/,
  );
  assertProblem(
    minimal('name: "bad/name"\n'),
    /^loadgate\.yml:5:7: name: expected a name of letters, digits/,
  );
});

test('setup captures: names and sources are checked', () => {
  assertProblem(
    minimal('setup:\n  - { path: /login, capture: { env: { json: a } } }\n'),
    /setup\[0\]\.capture\.env: capture names are letters/,
  );
  assertProblem(
    minimal('setup:\n  - { path: /login, capture: { t: { json: a, header: B } } }\n'),
    /setup\[0\]\.capture\.t: expected exactly one of json: or header:$/,
  );
  assertProblem(
    minimal('setup:\n  - { path: /login, capture: { t: {} } }\n'),
    /setup\[0\]\.capture\.t: expected exactly one of json: or header:/,
  );
  assertProblem(
    minimal('setup:\n  - { path: /login, capture: { t: { body: a } } }\n'),
    /setup\[0\]\.capture\.t\.body: unknown key "body"/,
  );
});

test('data feed, baseline store, socket and compare rules', () => {
  assertProblem(
    minimal('data: { file: users.txt }\n'),
    /data\.file: cannot tell the format from the extension: add format: csv or json/,
  );
  assertProblem(
    minimal('data: { file: users.csv, order: shuffled }\n'),
    /data\.order: expected one of: sequential, random/,
  );
  assertProblem(
    minimal('baseline: { file: b.json, branch: lg }\n'),
    /baseline\.branch: file and branch are two stores: keep one/,
  );
  assertProblem(
    minimal('baseline: { remote: upstream }\n'),
    /baseline\.remote: remote goes with branch:/,
  );
  assertProblem(
    minimal('baseline: { history: 0 }\n'),
    /baseline\.history: expected a whole number from 1 to 1000/,
  );
  assertProblem(
    minimal('').replace('node server.js', 'node server.js\n  socket: shared'),
    /server\.socket: socket: shared needs workers: N or auto/,
  );
  assertProblem(
    'target: http://127.0.0.1:8080\nrequests: [ { path: /a } ]\ncompare: base\n',
    /^loadgate\.yml:3:10: compare: compare: base boots the base commit/,
  );
  assertProblem(minimal('compare: later\n'), /compare: expected one of: auto, stored, base/);
});

test('every problem line carries file:line:col', () => {
  const e = configError(() =>
    parse(minimal('load: { rounds: 0, connections: 0, seed: -1 }\ngate: { p95: -1% }\n')),
  );
  const lines = problems(e);
  assert.equal(lines.length, 4);
  for (const line of lines) assert.match(line, /^loadgate\.yml:\d+:\d+: [a-z]/);
});

test('mistakes inside merged requests and odd shapes are still located', () => {
  assertProblem(
    'server: { command: x }\nrequests:\n  - &base { path: /a }\n  - { <<: *base, name: two, wieght: 1 }\n',
    /^loadgate\.yml:4:29: requests\[1\]\.wieght: unknown key "wieght"/,
  );
  assertProblem(
    'server:\nrequests: [ { path: /a } ]\n',
    /^loadgate\.yml:1:8: server: expected a mapping with command, .*got nothing \(null\)/,
  );
  assertProblem(
    'server: { command: x }\nrequests: { path: /a }\n',
    /^loadgate\.yml:2:11: requests: expected a list of requests, got a mapping/,
  );
  assertProblem(
    'server: { command: x }\nrequests: [ /a ]\n',
    /requests\[0\]: expected a request like \{ path: \/api\/items \}, got "\/a"/,
  );
  assertProblem(
    'server: { command: x, ready: 5 }\nrequests: [ { path: /a } ]\n',
    /server\.ready: expected a path like \/health or a mapping/,
  );
  assertProblem('\tserver: x\n', /^loadgate\.yml:1:1: YAML syntax error: Tabs are not allowed/);
});
