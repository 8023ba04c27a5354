import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProcStat } from '../../../src/supervisor/proc.js';
import { discoverWorkers, membersOf, subtree } from '../../../src/supervisor/tree.js';

const p = (pid: number, ppid: number, pgid: number, name = 'x', state = 'S'): ProcStat => ({
  pid,
  ppid,
  pgid,
  name,
  state,
  cpuTicks: 0,
});

describe('process tree', () => {
  const procs = [
    p(1, 0, 1, 'init'),
    p(100, 1, 100, 'gunicorn'), // master
    p(101, 100, 100, 'gunicorn'),
    p(102, 100, 100, 'gunicorn'),
    p(103, 100, 100, 'gunicorn', 'Z'), // a worker that died, not yet reaped
    p(200, 1, 200, 'sh'), // a compound command: sh -> node primary -> workers
    p(201, 200, 200, 'node'),
    p(202, 201, 200, 'node'),
    p(203, 201, 200, 'node'),
    p(300, 1, 300, 'node'), // single process
    p(400, 1, 999, 'other'),
  ];

  it('lists the live members of groups', () => {
    assert.deepEqual(
      membersOf(procs, [100]).map((x) => x.pid),
      [100, 101, 102],
    );
    assert.deepEqual(membersOf(procs, []), []);
  });

  it('walks a subtree from its root', () => {
    assert.deepEqual(
      subtree(procs, 200).map((x) => x.pid),
      [200, 201, 202, 203],
    );
    assert.deepEqual(subtree(procs, 12345), []);
  });

  it('finds the workers of a master, through a shell, or the process itself', () => {
    assert.deepEqual(
      discoverWorkers(procs, 100).map((x) => x.pid),
      [101, 102],
    );
    assert.deepEqual(
      discoverWorkers(procs, 200).map((x) => x.pid),
      [202, 203],
    );
    assert.deepEqual(
      discoverWorkers(procs, 300).map((x) => x.pid),
      [300],
    );
    assert.deepEqual(discoverWorkers(procs, 555), []);
  });
});
