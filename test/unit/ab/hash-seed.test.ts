import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HASH_SEED_VAR,
  MAX_HASH_SEED,
  givenHashSeed,
  pairHashSeed,
  withHashSeed,
} from '../../../src/pipeline/ab/hash-seed.js';
import type { ServerConfig } from '../../../src/config/types.js';
import { parse, minimal } from '../config/helpers.js';

function server(env = ''): ServerConfig {
  const yml = minimal().replace('server:\n', `server:\n${env ? `  env: { ${env} }\n` : ''}`);
  const config = parse(yml, { baseDir: '/nowhere/repo' });
  if (!config.server) throw new Error('the helper config has no server');
  return config.server;
}

test('every boot pair of a run gets its own seed in 1..4294967295, never 0 (no salt)', () => {
  for (const first of [1, 2, 12345, MAX_HASH_SEED - 1, MAX_HASH_SEED]) {
    const seeds = Array.from({ length: 20 }, (_, pair) => pairHashSeed(first, pair));
    assert.equal(seeds[0], first);
    assert.equal(new Set(seeds).size, seeds.length, `distinct from ${first}`);
    for (const s of seeds) assert.ok(Number.isInteger(s) && s >= 1 && s <= MAX_HASH_SEED, `${s}`);
  }
  assert.equal(pairHashSeed(MAX_HASH_SEED, 1), 1, 'wraps past the largest seed to 1');
});

test("a seed is added to server.env, keeping the side's other variables", () => {
  const given = server('DJANGO_SETTINGS_MODULE: api.settings');
  const seeded = withHashSeed(given, 42);
  assert.deepEqual(seeded.env, { DJANGO_SETTINGS_MODULE: 'api.settings', [HASH_SEED_VAR]: '42' });
  assert.deepEqual(given.env, { DJANGO_SETTINGS_MODULE: 'api.settings' }, 'not mutated');
});

test("a seed the runner's environment or either side's server.env sets is kept, and named", () => {
  const plain = { base: server(), head: server() };
  assert.equal(givenHashSeed({ PATH: '/usr/bin' }, plain), null);
  assert.match(
    givenHashSeed({ PYTHONHASHSEED: '0' }, plain) ?? '',
    /environment \(PYTHONHASHSEED=0\)/,
  );
  assert.match(
    givenHashSeed({}, { base: server('PYTHONHASHSEED: "7"'), head: server() }) ?? '',
    /the base's server.env \(PYTHONHASHSEED=7\)/,
  );
  assert.match(
    givenHashSeed({}, { base: server(), head: server('PYTHONHASHSEED: random') }) ?? '',
    /the head's server.env \(PYTHONHASHSEED=random\)/,
  );
});
