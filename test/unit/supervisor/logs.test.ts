import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freshRunLogDir, runFolderName } from '../../../src/supervisor/logs.js';

describe('run log folders', () => {
  it('are named by start time, pid and a random part', () => {
    assert.equal(
      runFolderName(new Date('2026-05-01T12:34:56.789Z'), 4242, 'a1b2c3'),
      'run-20260501-123456-789-4242-a1b2c3',
    );
  });

  it('keep the newest ones and never touch other files or folders', () => {
    const root = mkdtempSync(join(tmpdir(), 'lg-logs-unit-'));
    for (let i = 0; i < 4; i++) mkdirSync(join(root, `run-2020010${i}-000000-000-1-00000${i}`));
    mkdirSync(join(root, 'base'));
    writeFileSync(join(root, 'server.log'), 'an older loadgate wrote here\n');
    const dir = freshRunLogDir(root, 3);
    const left = readdirSync(root).sort();
    assert.deepEqual(
      left,
      [
        'base',
        'run-20200102-000000-000-1-000002',
        'run-20200103-000000-000-1-000003',
        dir.slice(root.length + 1),
        'server.log',
      ].sort(),
    );
  });
});
