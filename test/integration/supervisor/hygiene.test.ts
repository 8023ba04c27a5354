/**
 * What a run leaves and shows: a fresh log folder per start (tails from this run only), a
 * scrubbed environment for the server, redacted log tails, and no process left running, not
 * even one that left the process group with setsid.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LoadgateError } from '../../../src/errors.js';
import { startServer } from '../../../src/supervisor/index.js';
import { assertNoSurvivors, serverConfig, tempDir, testDeps } from './helpers.js';

async function bootError(promise: Promise<unknown>): Promise<LoadgateError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof LoadgateError, `expected a LoadgateError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the boot to fail');
}

describe('supervisor hygiene', () => {
  it('each start logs into a fresh folder: a failed boot shows this run’s lines only', async () => {
    const logDir = tempDir('lg-runs-');
    const { deps, tag } = testDeps();
    const config = serverConfig({ command: 'node exit-at-boot.js', logDir });
    const first = await bootError(startServer(config, deps));
    const second = await bootError(startServer(config, deps));
    for (const err of [first, second]) {
      assert.equal(err.code, 'LG_SERVER_EXITED');
      const markers = err.details.filter((l) => l.startsWith('--- loadgate: '));
      assert.equal(markers.length, 1, err.details.join('\n'));
      assert.equal(err.details.filter((l) => l.includes('database unreachable')).length, 1);
    }
    const runs = readdirSync(logDir).sort();
    assert.equal(runs.length, 2, runs.join(' '));
    for (const run of runs) {
      assert.match(run, /^run-\d{8}-\d{6}-\d{3}-\d+-[0-9a-f]{6}$/);
      const log = readFileSync(join(logDir, run, 'worker-0.log'), 'utf8');
      assert.equal(log.split('\n').filter((l) => l.startsWith('--- loadgate: ')).length, 1);
    }
    // Each error names its own run's log file.
    const named = [first, second].map((e) =>
      runs.findIndex((r) => e.message.includes(join(logDir, r))),
    );
    assert.deepEqual(named.sort(), [0, 1]);
    await assertNoSurvivors(tag);
  });
});
