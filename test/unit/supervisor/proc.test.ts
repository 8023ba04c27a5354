import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseCpuLine,
  parseKbField,
  parseListening,
  parseStartTime,
  parseStat,
} from '../../../src/supervisor/proc.js';

// Field layout of /proc/PID/stat (man 5 proc): pid (comm) state ppid pgrp session tty_nr tpgid
// flags minflt cminflt majflt cmajflt utime stime ...
const stat = (
  pid: number,
  comm: string,
  state: string,
  ppid: number,
  pgid: number,
  utime: number,
  stime: number,
) =>
  `${pid} (${comm}) ${state} ${ppid} ${pgid} ${pgid} 0 -1 4194560 1000 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 12345 1000000 200 0`;

describe('parseStat', () => {
  it('reads pid, name, state, parent, group and CPU ticks', () => {
    assert.deepEqual(parseStat(stat(42, 'gunicorn', 'S', 7, 7, 150, 30)), {
      pid: 42,
      name: 'gunicorn',
      state: 'S',
      ppid: 7,
      pgid: 7,
      cpuTicks: 180,
    });
  });

  it('survives spaces and parentheses in the process name', () => {
    const p = parseStat(stat(9, 'tmux: server) (x', 'R', 1, 9, 5, 6));
    assert.equal(p?.name, 'tmux: server) (x');
    assert.equal(p?.ppid, 1);
    assert.equal(p?.cpuTicks, 11);
  });

  it('rejects text that is not a stat line', () => {
    assert.equal(parseStat('garbage'), null);
    assert.equal(parseStat('12 (x) S a b'), null);
  });
});

describe('memory and system CPU', () => {
  const rollup = 'Rss:               10240 kB\nPss:                2048 kB\nPss_Anon:  1 kB\n';
  it('reads kB fields as bytes', () => {
    assert.equal(parseKbField(rollup, 'Rss'), 10240 * 1024);
    assert.equal(parseKbField(rollup, 'Pss'), 2048 * 1024);
    assert.equal(parseKbField(rollup, 'Swap'), null);
  });

  it('sums the aggregate cpu line with idle+iowait as idle and steal apart', () => {
    const text = 'cpu  100 5 50 800 20 3 2 10 7 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n';
    // guest (7) is already inside user: not added again.
    assert.deepEqual(parseCpuLine(text), { total: 990, idle: 820, steal: 10 });
    assert.equal(parseCpuLine('intr 1 2 3'), null);
  });
});

describe('listening sockets', () => {
  it('reads state 0A lines of /proc/net/tcp with port and inode', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:B219 0100007F:1F40 01 00000000:00000000 00:00000000 00000000  1000        0 4243 1 0000000000000000 20 4 30 10 -1',
    ].join('\n');
    assert.deepEqual(parseListening(text), [{ port: 8000, inode: 4242 }]);
  });

  it('reads the start time (field 22) of /proc/PID/stat', () => {
    const stat =
      '4242 (my (odd) server) S 1 4242 4242 0 -1 4194560 100 0 0 0 12 3 0 0 20 0 1 0 987654 1000000 100';
    assert.equal(parseStartTime(stat), 987654);
    assert.equal(parseStartTime('garbage'), null);
  });
});
