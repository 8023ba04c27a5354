import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCli } from '../../../src/cli/args.js';
import { shardFlags } from '../../../src/cli/shard-commands.js';
import { ConfigError } from '../../../src/errors.js';

const runFlags = (argv: string[]) => {
  const c = parseCli(argv);
  assert.equal(c.kind, 'run');
  if (c.kind !== 'run') throw new Error('not run');
  return c.flags;
};

test('merge takes report paths and its own flags only', () => {
  const c = parseCli([
    'merge',
    'a.json',
    'out/',
    '--json',
    'r.json',
    '--markdown',
    'r.md',
    '--update-baseline',
  ]);
  assert.deepEqual(c, {
    kind: 'merge',
    flags: {
      reports: ['a.json', 'out/'],
      json: 'r.json',
      markdown: 'r.md',
      updateBaseline: true,
      commit: null,
      quiet: false,
    },
  });
  assert.throws(() => parseCli(['merge']), /merge needs the shard reports to merge/);
  assert.throws(
    () => parseCli(['merge', 'a.json', '--rounds', '3']),
    /--rounds is not an option of "merge"/,
  );
});

test('--shard I/N with --start-at; mistakes name the flag', () => {
  const now = Date.parse('2026-05-01T10:00:07Z');
  const f = runFlags(['run', '--shard', '2/3', '--start-at', '+30s', '--json', 's.json']);
  assert.deepEqual(shardFlags(f, now), { index: 2, count: 3, startAt: now + 30_000 });
  // Without --start-at: the next whole 15 seconds, at least a second away.
  const d = shardFlags(runFlags(['run', '--shard', '1/2', '--json', 's.json']), now);
  assert.equal(d?.startAt, Date.parse('2026-05-01T10:00:15Z'));
  const err = (argv: string[]) => {
    try {
      shardFlags(runFlags(argv), now);
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      return e.message;
    }
    return assert.fail('expected an error');
  };
  assert.match(err(['run', '--shard', '0/3', '--json', 's']), /^--shard: expected I\/N like 2\/3/);
  assert.match(err(['run', '--shard', '1/2']), /^--shard needs --json FILE/);
  assert.match(
    err(['run', '--shard', '1/2', '--json', 's', '--markdown', 'm']),
    /^--markdown does not apply to --shard/,
  );
  assert.match(err(['run', '--start-at', '+5s']), /^--start-at goes with --shard/);
  assert.match(
    err(['run', '--shard', '1/2', '--json', 's', '--start-at', 'noon']),
    /^--start-at: expected an ISO time/,
  );
  assert.equal(shardFlags(runFlags(['run']), now), null);
});
