// The supervisor's wait for `workers: self` workers to finish booting (src/supervisor/settle.ts),
// written for the sweep: without it, the first worker up takes every keep-alive connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProcStat } from '../../../src/supervisor/proc.js';
import { quietLook, settleWorkers } from '../../../src/supervisor/settle.js';

function tree(ticks: number[], main = 100): ProcStat[] {
  return [
    { pid: main, name: 'gunicorn', state: 'S', ppid: 1, pgid: main, cpuTicks: 50 },
    ...ticks.map((t, i) => ({
      pid: main + 1 + i,
      name: 'gunicorn',
      state: 'S',
      ppid: main,
      pgid: main,
      cpuTicks: t,
    })),
  ];
}

test('a look is quiet when the expected workers exist and none used CPU since the last look', () => {
  const first = quietLook(tree([10, 20]), 100, 2, new Map());
  assert.equal(first.quiet, false); // no previous look to compare with
  assert.equal(quietLook(tree([11, 21]), 100, 2, first.ticks).quiet, true);
  assert.equal(quietLook(tree([11, 60]), 100, 2, first.ticks).quiet, false); // one still loading
  assert.equal(quietLook(tree([10]), 100, 2, new Map([[101, 10]])).quiet, false); // one missing
  assert.equal(quietLook(tree([10]), 100, null, new Map([[101, 10]])).quiet, true);
  assert.equal(quietLook([], 100, null, new Map()).gone, true);
});

test('settles once the workers stop using CPU; gives up at the deadline', async () => {
  const looks = [
    tree([5, 0]),
    tree([40, 0]),
    tree([80, 30]),
    tree([81, 60]),
    tree([81, 60]),
    tree([81, 61]),
    tree([81, 61]),
  ];
  let i = 0;
  const list = async () => looks[Math.min(i++, looks.length - 1)] as ProcStat[];
  const r = await settleWorkers({
    mainPid: 100,
    expected: 2,
    deadline: Date.now() + 5000,
    list,
    intervalMs: 1,
  });
  assert.equal(r.settled, true);
  assert.equal(r.workers, 2);
  assert.ok(i >= 6, `settled after ${i} looks`);

  let busy = 0;
  const spinning = async () => tree([(busy += 50)]);
  const t = await settleWorkers({
    mainPid: 100,
    expected: 1,
    deadline: Date.now() + 50,
    list: spinning,
    intervalMs: 5,
  });
  assert.equal(t.settled, false);

  const gone = await settleWorkers({
    mainPid: 100,
    expected: 1,
    deadline: Date.now() + 5000,
    list: async () => [],
    intervalMs: 1,
  });
  assert.equal(gone.settled, false);
});
