/**
 * loadgate killed outright (SIGKILL: no cleanup runs) must leave nothing behind: the server gets
 * its parent-death signal, the watchdog ends the whole group (grandchildren too), and the
 * action's post step ends any group recorded in the state file.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { defaultPostDeps, stopLeftovers as post } from '../../../src/action/post.js';
import { readStartTime } from '../../../src/supervisor/proc.js';
import { alive, ROOT, survivors, tempDir, waitFor } from './helpers.js';
import { randomUUID } from 'node:crypto';

describe('parent death', () => {
  for (const fixture of ['grandchild.js', 'setsid-grandchild.js'])
    it(`a SIGKILLed loadgate leaves neither the server nor its grandchild running (${fixture})`, async () => {
      const tag = randomUUID();
      const harness = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'test/integration/supervisor/harness.ts'),
          `node ${fixture}`,
        ],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...process.env, LOADGATE_TEST_TAG: tag },
        },
      );
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: harness.stdout }).once('line', resolve);
        harness.once('exit', (code) => reject(new Error(`harness exited with ${code}`)));
      });
      const pids = JSON.parse(first) as { main: number; server: number; grandchild: number };
      assert.equal(
        pids.main,
        pids.server,
        'the shell execs the server: its pid is the one we spawned',
      );
      assert.ok(alive(pids.server) && alive(pids.grandchild));
      harness.kill('SIGKILL');
      const gone = await waitFor(() => !alive(pids.server) && !alive(pids.grandchild), 8_000);
      assert.ok(gone, `still running: ${survivors(tag).join(', ')}`);
      // The watchdog itself exits once the group is gone.
      assert.ok(
        await waitFor(() => survivors(tag).length === 0, 5_000),
        `left: ${survivors(tag).join(', ')}`,
      );
    });

  it("the action's post step ends the process groups recorded in the state file", async () => {
    const runnerTemp = tempDir();
    const group = spawn('/bin/sh', ['-c', 'sleep 30 & sleep 30'], {
      detached: true,
      stdio: 'ignore',
    });
    const pgid = group.pid as number;
    const other = 999_999; // recorded, already gone: skipped quietly
    writeFileSync(
      join(runnerTemp, 'loadgate-pgids'),
      `+${pgid} ${readStartTime(pgid)}\n+${other} 1\n+4242 1\n-4242\n`,
    );
    const warnings: string[] = [];
    const deps = defaultPostDeps({ RUNNER_TEMP: runnerTemp });
    const ended = await post({ ...deps, log: { info: () => {}, warn: (m) => warnings.push(m) } });
    assert.deepEqual(ended, [pgid]);
    assert.ok(await waitFor(() => !alive(pgid), 2_000));
    assert.equal(existsSync(join(runnerTemp, 'loadgate-pgids')), false);
    assert.match(warnings[0] ?? '', new RegExp(`${pgid}`));
    assert.deepEqual(await post(deps), [], 'nothing recorded: nothing to do');
  });
});
