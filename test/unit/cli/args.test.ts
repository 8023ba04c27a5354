// The `run` command's flags: a public contract (README "CLI").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCli } from '../../../src/cli/args.js';
import { ConfigError } from '../../../src/errors.js';

test('run: every flag lands in its field; defaults are null/false', () => {
  const c = parseCli([
    'run',
    '-c',
    'x.yml',
    '--json',
    'r.json',
    '--update-baseline',
    '--rounds',
    '3',
  ]);
  assert.equal(c.kind, 'run');
  if (c.kind !== 'run') return;
  assert.equal(c.flags.config, 'x.yml');
  assert.equal(c.flags.json, 'r.json');
  assert.equal(c.flags.updateBaseline, true);
  assert.equal(c.flags.rounds, '3');
  assert.equal(c.flags.markdown, null);
  assert.equal(c.flags.compare, null);
  assert.equal(c.flags.base, null);
  assert.equal(c.flags.quiet, false);
});

test('run: --compare base --base REF', () => {
  const c = parseCli(['run', '--compare', 'base', '--base', 'origin/main']);
  assert.ok(c.kind === 'run');
  assert.equal(c.flags.compare, 'base');
  assert.equal(c.flags.base, 'origin/main');
});

test('run: --compare takes auto, stored or base only', () => {
  assert.throws(
    () => parseCli(['run', '--compare', 'ab']),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /--compare: expected auto, stored or base, got "ab"/);
      return true;
    },
  );
});

test('no command, help and version', () => {
  assert.deepEqual(parseCli([]), { kind: 'help' });
  assert.deepEqual(parseCli(['--help']), { kind: 'help' });
  assert.deepEqual(parseCli(['-V']), { kind: 'version' });
});

test('unknown commands and flags are usage errors (exit 2) that show the usage', () => {
  for (const argv of [['deploy'], ['run', '--nope'], ['run', 'extra']]) {
    assert.throws(
      () => parseCli(argv),
      (e: unknown) => e instanceof ConfigError && e.exitCode === 2,
      argv.join(' '),
    );
  }
});

test('a usage mistake is one line with a guess and a pointer to --help, not the usage text', () => {
  const cases: [string[], string][] = [
    [['run', '--bogus'], 'unknown flag --bogus; run `loadgate --help` for the options'],
    [
      ['run', '--confg', 'x'],
      'unknown flag --confg (did you mean --config?); run `loadgate --help` for the options',
    ],
    [
      ['run', '--bas', 'x'],
      'unknown flag --bas (did you mean --base?); run `loadgate --help` for the options',
    ],
    [['run', '--json'], '--json needs a value; run `loadgate --help` for the options'],
    [['run', '--quiet=yes'], '--quiet takes no value; run `loadgate --help` for the options'],
    [
      ['sweep', '--base', 'x'],
      '--base is not an option of "sweep"; run `loadgate --help` for the options',
    ],
  ];
  for (const [argv, message] of cases) {
    assert.throws(
      () => parseCli(argv),
      (e: unknown) => e instanceof ConfigError && e.exitCode === 2 && e.message === message,
      argv.join(' '),
    );
  }
});
