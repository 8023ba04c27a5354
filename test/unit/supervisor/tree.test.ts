import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProcStat } from '../../../src/supervisor/proc.js';
import {
  discoverWorkers,
  isHelperCommand,
  membersOf,
  subtree,
} from '../../../src/supervisor/tree.js';

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

describe('helper processes', () => {
  it('uvicorn --workers 2: the multiprocessing resource tracker is not a worker', () => {
    const cmd: Record<number, string> = {
      301: '/usr/bin/python3 -B -c from multiprocessing.resource_tracker import main;main(4)',
      302: '/usr/bin/python3 -B -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, pipe_handle=7) --multiprocessing-fork',
      303: '/usr/bin/python3 -B -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, pipe_handle=9) --multiprocessing-fork',
    };
    const procs = [
      p(300, 1, 300, 'python3'),
      p(301, 300, 300, 'python3'),
      p(302, 300, 300, 'python3'),
      p(303, 300, 300, 'python3'),
    ];
    const isHelper = (x: ProcStat) => isHelperCommand(cmd[x.pid] ?? '');
    assert.deepEqual(
      discoverWorkers(procs, 300, isHelper).map((x) => x.pid),
      [302, 303],
    );
    assert.equal(discoverWorkers(procs, 300).length, 3, 'without the check: 3');
    // A single-process server with only a helper beside it: the main process serves.
    assert.deepEqual(
      discoverWorkers(procs.slice(0, 2), 300, isHelper).map((x) => x.pid),
      [300],
    );
    assert.ok(isHelperCommand('python3 -c from multiprocessing.semaphore_tracker import main'));
    assert.ok(!isHelperCommand('gunicorn: worker [app]'));
  });
});
