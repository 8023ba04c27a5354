import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main, type PostDeps } from '../../../src/action/post.js';
import { defaultStateFile, parseStateFile } from '../../../src/supervisor/statefile.js';

describe('state file', () => {
  it('folds + and - records into the groups still alive', () => {
    assert.deepEqual(parseStateFile('+10\n+11\n-10\n+12\n\nnoise\n+1\n-99\n'), [11, 12]);
    assert.deepEqual(parseStateFile(''), []);
  });

  it('lives in RUNNER_TEMP when the runner has one', () => {
    assert.equal(defaultStateFile({ RUNNER_TEMP: '/r/tmp' }), '/r/tmp/loadgate-pgids');
  });
});

/** A fake process table: groups that die on SIGTERM, or only on SIGKILL. */
function fakeDeps(text: string | null, groups: Record<number, 'polite' | 'stubborn'>) {
  const live = new Map(Object.entries(groups).map(([g, kind]) => [Number(g), kind]));
  const sent: string[] = [];
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
    sleep: async () => {},
  };
  return { deps, sent, removed: () => removed };
}

describe('post step', () => {
  it('TERMs recorded groups, KILLs the stubborn ones and removes the file', async () => {
    const f = fakeDeps('+10\n+20\n+30\n-30\n+40\n', { 10: 'polite', 20: 'stubborn', 30: 'polite' });
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
