import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ctx, minimal, parse } from './helpers.js';

const FULL = `
name: items-api
server:
  command: gunicorn app.asgi:application -k uvicorn.workers.UvicornWorker -w 4 --bind 127.0.0.1:$PORT
  cwd: examples/django-gunicorn
  setup: python3 manage.py migrate --noinput
  setup-timeout: 120s
  env: { DJANGO_SETTINGS_MODULE: app.settings }
  workers: self
  socket: per-port
  ready: { path: /health, timeout: 60s, status: 204, successes: 3 }
  grace: 2500ms
  fail-on-crash: false
  log-dir: logs
load:
  model: open
  connections: 64
  rate: 500
  stages: [ { duration: 10s, rate: 100 }, { duration: 20s, rate: 500 } ]
  warmup: 1m30s
  rounds: 3
  timeout: 2
  threads: 2
  secret-headers: [X-Api-Key]
  seed: 42
setup:
  - { name: login, method: POST, path: /login, json: { user: a }, capture: { token: { json: access_token }, csrf: { header: X-CSRF } } }
requests:
  - { name: list items, method: GET, path: /api/items, weight: 3, headers: { Authorization: "Bearer \${token}" }, query: { page: "1" }, expect: { status: 200, body-contains: '"items"' } }
  - { name: create, method: post, path: /api/items, json: { name: "x-\${seq}", n: [1, "\${randomInt(1, 100)}"] } }
  - { name: raw, method: PUT, path: "/api/items/\${data.id}", body: "id=\${uuid}&t=\${vars.tenant}&k=\${env.API_TOKEN}", content-type: application/x-www-form-urlencoded, expect: { status: [200, 201] } }
data: { file: users.csv, order: random }
vars: { tenant: acme }
gate: { rps: -3%, p95: 0.2, errors: 0.5%, fail-on: inconclusive }
baseline: { branch: loadgate-baselines, history: 20 }
compare: base
`;

test('the full documented example parses into the typed Config', () => {
  const c = parse(FULL);
  assert.equal(c.name, 'items-api');
  assert.equal(c.source, 'loadgate.yml');
  assert.equal(c.baseDir, '/repo/items-api');
  assert.equal(c.target, null);
  assert.deepEqual(c.server, {
    command:
      'gunicorn app.asgi:application -k uvicorn.workers.UvicornWorker -w 4 --bind 127.0.0.1:$PORT',
    cwd: '/repo/items-api/examples/django-gunicorn',
    setup: ['python3 manage.py migrate --noinput'],
    setupTimeoutMs: 120_000,
    env: { DJANGO_SETTINGS_MODULE: 'app.settings' },
    workers: { mode: 'self', count: null },
    socket: 'per-port',
    ready: { path: '/health', timeoutMs: 60_000, status: 204, successes: 3 },
    graceMs: 2500,
    failOnCrash: false,
    logDir: '/repo/items-api/logs',
  });
  assert.deepEqual(c.load, {
    model: 'open',
    connections: 64,
    rate: 500,
    stages: [
      { durationMs: 10_000, rate: 100 },
      { durationMs: 20_000, rate: 500 },
    ],
    warmupMs: 90_000,
    durationMs: 30_000,
    rounds: 3,
    timeoutMs: 2000,
    threads: 2,
    secretHeaders: ['authorization', 'cookie', 'x-api-key'],
    seed: 42,
  });
  assert.equal(c.setup.length, 1);
  assert.deepEqual(c.setup[0]?.capture, {
    token: { from: 'json', path: 'access_token' },
    csrf: { from: 'header', path: 'X-CSRF' },
  });
  assert.deepEqual(c.setup[0]?.body, { kind: 'json', value: { user: 'a' } });
  const [list, create, raw] = c.requests;
  assert.deepEqual(list, {
    name: 'list items',
    method: 'GET',
    path: '/api/items',
    query: { page: '1' },
    headers: { Authorization: 'Bearer ${token}' },
    body: { kind: 'none' },
    weight: 3,
    expect: { status: [200], bodyContains: '"items"' },
  });
  assert.equal(create?.method, 'POST');
  assert.deepEqual(create?.body, {
    kind: 'json',
    value: { name: 'x-${seq}', n: [1, '${randomInt(1, 100)}'] },
  });
  assert.equal(create?.weight, 1);
  assert.deepEqual(raw?.body, {
    kind: 'raw',
    value: 'id=${uuid}&t=${vars.tenant}&k=${env.API_TOKEN}',
    contentType: 'application/x-www-form-urlencoded',
  });
  assert.deepEqual(raw?.expect.status, [200, 201]);
  assert.deepEqual(c.data, { file: '/repo/items-api/users.csv', format: 'csv', order: 'random' });
  assert.deepEqual(c.vars, { tenant: 'acme' });
  assert.deepEqual(c.gate, {
    rps: 0.03,
    p95: 0.2,
    errors: 0.005,
    failOn: 'inconclusive',
    maxTimeMs: 180_000,
  });
  assert.deepEqual(c.baseline, {
    store: 'branch',
    branch: 'loadgate-baselines',
    remote: 'origin',
    history: 20,
  });
  assert.equal(c.compare, 'base');
});

test('defaults fill every key left out', () => {
  const c = parse(minimal());
  assert.equal(c.name, 'items-api', 'default name: the config folder');
  assert.deepEqual(c.server?.workers, { mode: 'self', count: null });
  assert.equal(c.server?.cwd, '/repo/items-api');
  assert.deepEqual(c.server?.setup, []);
  assert.equal(c.server?.setupTimeoutMs, 300_000);
  assert.deepEqual(c.server?.env, {});
  assert.equal(c.server?.socket, 'per-port');
  assert.deepEqual(c.server?.ready, { path: '/', timeoutMs: 120_000, status: 200, successes: 2 });
  assert.equal(c.server?.graceMs, 10_000);
  assert.equal(c.server?.failOnCrash, true);
  assert.equal(c.server?.logDir, '/repo/items-api/.loadgate/logs');
  assert.deepEqual(c.load, {
    model: 'closed',
    connections: 32,
    rate: null,
    stages: [],
    warmupMs: 5000,
    durationMs: 10_000,
    rounds: 5,
    timeoutMs: 10_000,
    threads: 1,
    secretHeaders: ['authorization', 'cookie'],
    seed: 1,
  });
  assert.deepEqual(c.requests[0], {
    name: 'GET /api/items',
    method: 'GET',
    path: '/api/items',
    query: {},
    headers: {},
    body: { kind: 'none' },
    weight: 1,
    expect: { status: [], bodyContains: null },
  });
  assert.deepEqual(c.setup, []);
  assert.equal(c.data, null);
  assert.deepEqual(c.vars, {});
  assert.deepEqual(c.gate, {
    rps: 0.03,
    p95: 0.1,
    errors: 0.01,
    failOn: 'regression',
    maxTimeMs: 180_000,
  });
  assert.deepEqual(c.baseline, {
    store: 'file',
    file: '/repo/items-api/.loadgate/baseline.json',
    history: 50,
    isDefault: true,
  });
  assert.equal(c.compare, 'auto');
});

test('the default name is the folder name, made safe', () => {
  assert.equal(parse(minimal(), { baseDir: '/w/my@proj!' }).name, 'my-proj-');
  assert.equal(parse(minimal(), { baseDir: '/' }).name, 'loadgate');
  assert.equal(parse(minimal(), { baseDir: '/w/.hidden' }).name, 'hidden');
});

test('shorthands: ready as a path, setup as one command, list of setup commands', () => {
  const c = parse(
    'server:\n  command: x\n  ready: /health\n  setup: migrate\nrequests: [ { path: /a } ]\n',
  );
  assert.equal(c.server?.ready.path, '/health');
  assert.equal(c.server?.ready.timeoutMs, 120_000);
  assert.deepEqual(c.server?.setup, ['migrate']);
  const d = parse('server:\n  command: x\n  setup: [a, b]\nrequests: [ { path: /a } ]\n');
  assert.deepEqual(d.server?.setup, ['a', 'b']);
});

test('workers: auto picks max(1, cores - 1) and says why; N spawns N', () => {
  const w = (v: string, cores: number) =>
    parse(minimal('').replace('node server.js', `node server.js\n  workers: ${v}`), { cores })
      .server?.workers;
  assert.deepEqual(w('auto', 2), {
    mode: 'spawn',
    count: 1,
    auto: true,
    reason:
      "auto: 1 worker on 2 cores (1 core left for the load generator); gunicorn's 2 x cores + 1 = 5 assumes a machine dedicated to the server",
  });
  assert.equal(w('auto', 8)?.count, 7);
  assert.equal(w('auto', 1)?.count, 1);
  const one = w('auto', 1);
  assert.match(one?.mode === 'spawn' ? one.reason : '', /shares the only core/);
  assert.deepEqual(w('4', 2), {
    mode: 'spawn',
    count: 4,
    auto: false,
    reason: '4 workers as configured',
  });
  assert.deepEqual(w('self', 2), { mode: 'self', count: null });
  const shared = parse(
    minimal('').replace('node server.js', 'node server.js\n  workers: 2\n  socket: shared'),
  );
  assert.equal(shared.server?.socket, 'shared');
});

test('target mode: loopback URLs are accepted and kept as their origin', () => {
  const t = (url: string) => parse(`target: ${url}\nrequests: [ { path: /a } ]\n`);
  assert.equal(t('http://127.0.0.1:8080').target, 'http://127.0.0.1:8080');
  assert.equal(t('http://127.0.0.1:8080/').target, 'http://127.0.0.1:8080');
  assert.equal(t('http://localhost:3000').target, 'http://localhost:3000');
  assert.equal(t('http://[::1]:3000').target, 'http://[::1]:3000');
  assert.equal(t('https://127.1.2.3').target, 'https://127.1.2.3');
  assert.equal(t('http://127.0.0.1:8080').server, null);
});

test('open model with a constant rate; methods in any case; json null is a body', () => {
  const c = parse(minimal('load: { model: open, rate: 250.5, duration: 500ms }\n'));
  assert.equal(c.load.model, 'open');
  assert.equal(c.load.rate, 250.5);
  assert.equal(c.load.durationMs, 500);
  const d = parse(
    'server: { command: x }\nrequests:\n  - { path: /a, method: delete, json: null }\n',
  );
  assert.equal(d.requests[0]?.method, 'DELETE');
  assert.deepEqual(d.requests[0]?.body, { kind: 'json', value: null });
});

test('data format comes from the extension or format:', () => {
  assert.equal(parse(minimal('data: { file: rows.JSON }\n')).data?.format, 'json');
  assert.deepEqual(parse(minimal('data: { file: ../shared/rows.txt, format: csv }\n')).data, {
    file: '/repo/shared/rows.txt',
    format: 'csv',
    order: 'sequential',
  });
});

test('templates that reference existing names are accepted', () => {
  const c = parse(
    [
      'server: { command: x }',
      'vars: { tenant: acme }',
      'data: { file: u.csv }',
      'setup:',
      '  - { path: /login, capture: { token: { json: a.b } } }',
      '  - { path: "/me?t=${token}", capture: { id: { header: X-Id } } }',
      'requests:',
      '  - path: "/t/${vars.tenant}/${data.user id}/${id}"',
      '    headers: { Authorization: "Bearer ${token}", X-Key: "${env.API_TOKEN}", X-Literal: "$${not.a.template}" }',
    ].join('\n'),
  );
  assert.equal(c.requests[0]?.path, '/t/${vars.tenant}/${data.user id}/${id}');
  assert.equal(c.setup.length, 2);
  assert.equal(ctx.env['API_TOKEN'], 'secret');
});

test('YAML anchors and merge keys work; top-level x- keys hold them and are ignored', () => {
  const c = parse(
    [
      'x-auth: &auth { Authorization: "Bearer ${env.API_TOKEN}" }',
      'x-base: &base { method: POST, headers: *auth }',
      'server: { command: x }',
      'requests:',
      '  - { <<: *base, path: /a }',
      '  - { <<: *base, path: /b, method: PUT }',
    ].join('\n'),
  );
  assert.deepEqual(
    c.requests.map((r) => [r.method, r.path, r.headers['Authorization']]),
    [
      ['POST', '/a', 'Bearer ${env.API_TOKEN}'],
      ['PUT', '/b', 'Bearer ${env.API_TOKEN}'],
    ],
  );
});
