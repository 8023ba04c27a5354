import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, scenarioFingerprint } from '../../../src/config/fingerprint.js';
import { applyCliOverrides } from '../../../src/config/overrides.js';
import { minimal, parse } from './helpers.js';

const cli = { source: 'command line', baseDir: '/x', env: {}, cores: 2 };

test('canonicalJson sorts keys at every depth', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }),
    '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
  );
  assert.equal(canonicalJson({ a: undefined, b: 'x' }), '{"b":"x"}');
});

test('the fingerprint is stable and ignores what does not change the numbers', () => {
  const a = scenarioFingerprint(parse(minimal()));
  assert.match(a, /^sha256:[0-9a-f]{64}$/);
  assert.equal(scenarioFingerprint(parse(minimal())), a);
  // key order, rounds, warm-up, gate, name and the checkout's absolute path do not matter
  assert.equal(
    scenarioFingerprint(
      parse(minimal('load: { rounds: 9, warmup: 1s }\ngate: { rps: 1% }\nname: other\n')),
    ),
    a,
  );
  assert.equal(scenarioFingerprint(parse(minimal(), { baseDir: '/elsewhere/items-api' })), a);
  assert.equal(
    scenarioFingerprint(parse(minimal('data: { file: u.csv }\n'), { baseDir: '/a/b' })),
    scenarioFingerprint(parse(minimal('data: { file: u.csv }\n'), { baseDir: '/c/d' })),
  );
});

test('the fingerprint changes with requests, load shape, server command and workers', () => {
  const a = scenarioFingerprint(parse(minimal()));
  const changed = [
    parse(minimal().replace('/api/items', '/api/other')),
    parse(minimal('load: { connections: 64 }\n')),
    parse(minimal('load: { duration: 20s }\n')),
    parse(minimal('load: { model: open, rate: 100 }\n')),
    parse(minimal().replace('node server.js', 'node server2.js')),
    parse(minimal().replace('node server.js', 'node server.js\n  workers: 2')),
    parse(minimal('setup:\n  - { path: /login }\n')),
    applyCliOverrides(parse(minimal()), { connections: '5' }, cli),
  ];
  const prints = changed.map(scenarioFingerprint);
  for (const p of prints) assert.notEqual(p, a);
  assert.equal(new Set(prints).size, prints.length);
});
