import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksSecret, redact, redactLines, secretValues } from '../../../src/util/redact.js';
import { isScrubbed, serverEnv } from '../../../src/supervisor/env.js';

describe('redact', () => {
  it('removes given values, longest first, and their URL-encoded and base64 forms', () => {
    const token = 'ghs_abc/def+ghi';
    const text = [
      `token=${token}`,
      `url=https://x.invalid/?t=${encodeURIComponent(token)}`,
      `auth=Basic ${Buffer.from(token).toString('base64')}`,
      'short=abc',
    ].join('\n');
    const out = redact(text, [token, 'abc']);
    assert.equal(out, 'token=***\nurl=https://x.invalid/?t=***\nauth=Basic ***\nshort=abc');
    assert.equal(redact('ab secretsecret', ['secret', 'secretsecret']), 'ab ***');
  });

  it('leaves text alone without secrets, and handles regex characters in values', () => {
    assert.equal(redact('a.b*c', []), 'a.b*c');
    assert.equal(redact('x a.b*c(d) y', ['a.b*c(d)']), 'x *** y');
  });

  it('removes each line of a multi-line secret (a private key) from lines', () => {
    const key = '-----BEGIN KEY-----\nMIIBOgIBAAJBAK\n-----END KEY-----';
    assert.deepEqual(redactLines(['MIIBOgIBAAJBAK', 'ok'], [key]), ['***', 'ok']);
  });

  it('knows secret-looking variable names', () => {
    for (const name of [
      'GITHUB_TOKEN',
      'INPUT_GITHUB-TOKEN',
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'DJANGO_SECRET_KEY',
      'AWS_SECRET_ACCESS_KEY',
      'PGPASSWORD',
      'DB_PASSWORD',
      'NPM_AUTH',
      'api_key',
      'APIKEY',
    ])
      assert.ok(looksSecret(name), name);
    for (const name of ['PWD', 'OLDPWD', 'PATH', 'HOME', 'KEYBOARD', 'MONKEY_BUSINESS', 'PORT'])
      assert.ok(!looksSecret(name), name);
    assert.deepEqual(
      secretValues({ GITHUB_TOKEN: 'tok-1234', PATH: '/bin', EMPTY_TOKEN: '' }, ['given-1']).sort(),
      ['given-1', 'tok-1234'],
    );
  });
});

describe('server environment', () => {
  it('drops the action credentials unless server.env names them, and adds the run mark', () => {
    assert.ok(isScrubbed('INPUT_GITHUB-TOKEN') && isScrubbed('ACTIONS_CACHE_URL'));
    assert.ok(!isScrubbed('GITHUB_SHA') && !isScrubbed('ACTIONS_STEP_DEBUG'));
    const env = serverEnv(
      {
        PATH: '/bin',
        'INPUT_GITHUB-TOKEN': 't',
        ACTIONS_RUNTIME_TOKEN: 'r',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'u',
        GITHUB_TOKEN: 'g',
        LOADGATE_RUN_ID: 'inherited',
        UNSET: undefined,
      },
      { ACTIONS_RUNTIME_TOKEN: 'on purpose' },
      'run-1',
    );
    assert.deepEqual(env, {
      PATH: '/bin',
      ACTIONS_RUNTIME_TOKEN: 'on purpose',
      LOADGATE_RUN_ID: 'run-1',
    });
  });
});
