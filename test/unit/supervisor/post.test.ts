import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stopLeftovers as main, type PostDeps } from '../../../src/action/post.js';
import { defaultStateFile, parseStateFile } from '../../../src/supervisor/statefile.js';

describe('state file', () => {
  it('folds + and - records into the groups still alive', () => {
    assert.deepEqual(parseStateFile('+10 5\n+11 6\n-10\n+12\n\nnoise\n+1 3\n-99\n').groups, [
      { pgid: 11, start: 6 },
      { pgid: 12, start: null },
    ]);
    assert.deepEqual(parseStateFile(''), { groups: [], runs: [] });
  });

  it('keeps the run marks of starts that did not finish', () => {
    assert.deepEqual(parseStateFile('@run-a\n@run-b\n+10 5\n-10\n!run-a\n').runs, ['run-b']);
  });

  it('lives in RUNNER_TEMP when the runner has one', () => {
    assert.equal(defaultStateFile({ RUNNER_TEMP: '/r/tmp' }), '/r/tmp/loadgate-pgids');
  });
});

/** A fake process table: groups that die on SIGTERM, or only on SIGKILL. */
function fakeDeps(
  text: string | null,
  groups: Record<number, 'polite' | 'stubborn'>,
  starts: Record<number, number | null> = {},
) {
  const live = new Map(Object.entries(groups).map(([g, kind]) => [Number(g), kind]));
  const sent: string[] = [];
  const swept: string[] = [];
  let removed = false;
  const deps: PostDeps = {
    env: { RUNNER_TEMP: '/t' },
    log: { info: () => {}, warn: () => {} },
    readFile: (path) => (path === '/t/loadgate-pgids' ? text : null),
    removeFile: () => {
      removed = true;
    },
    signalGroup: (pgid, signal) => {
      if (!live.has(pgid)) return false;
      if (signal !== 0) sent.push(`${signal}:${pgid}`);
      if (signal === 'SIGKILL' || (signal === 'SIGTERM' && live.get(pgid) === 'polite'))
        live.delete(pgid);
      return true;
    },
    // By default every leader still has the start time the records below give (100 + pgid).
    startTime: (pid) => (pid in starts ? (starts[pid] ?? null) : 100 + pid),
    sweepRun: async (runId) => {
      swept.push(runId);
      return runId === 'r-left' ? [777] : [];
    },
    sleep: async () => {},
  };
  return { deps, sent, swept, removed: () => removed };
}

describe('post step', () => {
  it('TERMs recorded groups, KILLs the stubborn ones and removes the file', async () => {
    const f = fakeDeps('+10 110\n+20 120\n+30 130\n-30\n+40 140\n', {
      10: 'polite',
      20: 'stubborn',
      30: 'polite',
    });
    const ended = await main(f.deps);
    assert.deepEqual(ended, [10, 20]);
    assert.deepEqual(f.sent, ['SIGTERM:10', 'SIGTERM:20', 'SIGKILL:20']);
    assert.equal(f.removed(), true);
  });

  it('does nothing without a state file', async () => {
    const f = fakeDeps(null, { 10: 'polite' });
    assert.deepEqual(await main(f.deps), []);
    assert.deepEqual(f.sent, []);
    assert.equal(f.removed(), false);
  });
});

describe('post step: identity of a group', () => {
  it('never signals a group whose leader started at another time (a reused pid)', async () => {
    const f = fakeDeps('+10 110\n+20 120\n', { 10: 'polite', 20: 'polite' }, { 20: 999 });
    assert.deepEqual(await main(f.deps), [10]);
    assert.deepEqual(f.sent, ['SIGTERM:10']);
  });

  it('signals a live group whose leader is gone (its id cannot have been reused)', async () => {
    const f = fakeDeps('+10 110\n', { 10: 'polite' }, { 10: null });
    assert.deepEqual(await main(f.deps), [10]);
    assert.deepEqual(f.sent, ['SIGTERM:10']);
  });

  it('does not signal a group recorded without a start time', async () => {
    const f = fakeDeps('+10\n', { 10: 'polite' });
    assert.deepEqual(await main(f.deps), []);
    assert.deepEqual(f.sent, []);
  });

  it('sweeps the run marks of starts that did not finish', async () => {
    const f = fakeDeps('@r-done\n!r-done\n@r-left\n', {});
    await main(f.deps);
    assert.deepEqual(f.swept, ['r-left']);
    assert.equal(f.removed(), true);
  });
});
