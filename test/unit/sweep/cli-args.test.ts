// `loadgate sweep` on the command line (src/cli/args.ts): its flags, and flags of the other command refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCli, USAGE } from '../../../src/cli/args.js';
import { ConfigError } from '../../../src/errors.js';

test('sweep flags', () => {
  const c = parseCli([
    'sweep',
    '-c',
    'x.yml',
    '--workers',
    '1,2,4',
    '--cpus',
    '1',
    '--connections',
    '1,8',
    '--json',
    'o.json',
    '--rounds',
    '2',
    '--quiet',
  ]);
  assert.equal(c.kind, 'sweep');
  if (c.kind !== 'sweep') return;
  assert.equal(c.flags.config, 'x.yml');
  assert.equal(c.flags.workers, '1,2,4');
  assert.equal(c.flags.cpus, '1');
  assert.equal(c.flags.connections, '1,8');
  assert.equal(c.flags.json, 'o.json');
  assert.equal(c.flags.rounds, '2');
  assert.equal(c.flags.quiet, true);
  assert.equal(c.flags.markdown, null);
});

test('run-only flags are refused by sweep, --cpus by run', () => {
  for (const args of [
    ['sweep', '--target', 'http://127.0.0.1:1'],
    ['sweep', '--update-baseline'],
    ['run', '--cpus', '1'],
  ]) {
    assert.throws(
      () => parseCli(args),
      (e: unknown) =>
        e instanceof ConfigError && e.exitCode === 2 && /is not an option of/.test(e.message),
      args.join(' '),
    );
  }
  assert.equal(parseCli(['run', '--workers', '2']).kind, 'run');
});

test('usage names the sweep command and its flags', () => {
  assert.match(USAGE, /sweep +run the scenario at each worker count/);
  assert.match(USAGE, /--cpus N\|LIST/);
  assert.throws(() => parseCli(['swep']), /expected: run, sweep/);
});
