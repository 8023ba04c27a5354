/**
 * Fault fixtures under the real supervisor: each failure gives a clear error with the exit code
 * and log lines, crashes are recorded and restarted, and no process survives a test.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LoadgateError, ServerError } from '../../../src/errors.js';
import { startServer } from '../../../src/supervisor/index.js';
import type { ServerEvent } from '../../../src/supervisor/types.js';
import {
  alive,
  assertNoSurvivors,
  getJson,
  serverConfig,
  tempDir,
  testDeps,
  waitFor,
} from './helpers.js';

async function bootError(promise: Promise<unknown>): Promise<LoadgateError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof LoadgateError, `expected a LoadgateError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the boot to fail');
}

type Crash = Extract<ServerEvent, { kind: 'crash' }>;

describe('supervisor faults', () => {
  it('a server that never answers 200 times out, naming the timeout, URL, path and last lines', async () => {
    const { deps, tag } = testDeps();
    const config = serverConfig({
      ready: { path: '/health', timeoutMs: 1_500, status: 200, successes: 2 },
    });
    const err = await bootError(startServer(config, deps));
    assert.equal(err.code, 'LG_READY_TIMEOUT');
    assert.equal(err.exitCode, 3);
    assert.match(err.message, /not ready after 1\.5 s/);
    assert.match(err.message, /GET http:\/\/127\.0\.0\.1:\d+\/health/);
    assert.match(err.message, /last: HTTP 503/);
    assert.ok(
      err.details.some((l) => l.includes('answering 503')),
      err.details.join('\n'),
    );
    await assertNoSurvivors(tag);
  });

  it('a server that exits with code 3 at boot fails fast with that code and its output', async () => {
    const { deps, tag } = testDeps();
    const config = serverConfig({ command: 'node exit-at-boot.js' });
    const err = await bootError(startServer(config, deps));
    assert.equal(err.code, 'LG_SERVER_EXITED');
    assert.match(err.message, /exited with code 3 before it was ready/);
    assert.ok(
      err.details.some((l) => l.includes('database unreachable')),
      err.details.join('\n'),
    );
    await assertNoSurvivors(tag);
  });

  it('a command the shell cannot find is reported as exit 127, command not found', async () => {
    const { deps, tag } = testDeps();
    // A compound command is not checked before start: the shell itself reports 127.
    const err = await bootError(
      startServer(serverConfig({ command: 'true && no-such-server-xyz' }), deps),
    );
    assert.equal(err.code, 'LG_SERVER_EXITED');
    assert.match(err.message, /code 127 \(command not found/);
    assert.ok(err.details.some((l) => l.includes('no-such-server-xyz')));
    await assertNoSurvivors(tag);
  });

  it('a failing setup command names the command, exit code and last lines; the server never starts', async () => {
    const { deps, tag } = testDeps();
    const config = serverConfig({ setup: ['echo migrating; echo "no such table" >&2; exit 5'] });
    const err = await bootError(startServer(config, deps));
    assert.equal(err.code, 'LG_SETUP_FAILED');
    assert.match(err.message, /exited with code 5: echo migrating/);
    assert.deepEqual(err.details.slice(-2), ['migrating', 'no such table']);
    await assertNoSurvivors(tag);
  });

  it('a worker that crashes is recorded with its exit code and log, restarted, and answers again', async () => {
    const { deps, tag } = testDeps();
    const config = serverConfig({
      command: 'node crash-after.js',
      env: { CRASH_AFTER: '2' },
      workers: { mode: 'spawn', count: 2, auto: false, reason: 'test' },
    });
    const server = await startServer(config, deps);
    try {
      const target = server.targets[0] as string;
      const before = server.workers()[0]?.pid;
      await getJson(`${target}/api/items`);
      await getJson(`${target}/api/items`).catch(() => null); // the crashing request
      const recovered = await waitFor(() => {
        const c = server.events().find((e): e is Crash => e.kind === 'crash');
        return c?.recoveryMs != null;
      }, 10_000);
      assert.ok(recovered, `no recovery recorded: ${JSON.stringify(server.events())}`);
      const crash = server.events().find((e): e is Crash => e.kind === 'crash') as Crash;
      assert.equal(crash.worker, 0);
      assert.equal(crash.pid, before);
      assert.equal(crash.exitCode, 1);
      assert.ok(crash.lastLines.some((l) => l.includes('crashing on request 2')));
      assert.ok(server.events().some((e) => e.kind === 'restart' && e.worker === 0));
      assert.notEqual(server.workers()[0]?.pid, before);
      assert.equal((await getJson(`${target}/health`)).status, 200);
    } finally {
      await server.stop();
    }
    await assertNoSurvivors(tag);
  });

  it('a worker that keeps dying at boot is a crash loop: died resolves with the reason', async () => {
    const { deps, tag } = testDeps();
    const flag = join(tempDir(), 'crash-now');
    const config = serverConfig({
      command: 'node crash-after.js',
      env: { CRASH_AFTER: '1', CRASH_AT_BOOT: flag },
    });
    const server = await startServer(config, deps);
    try {
      writeFileSync(flag, 'x');
      await getJson(`${server.targets[0]}/api/items`).catch(() => null);
      const reason = await Promise.race([
        server.died,
        new Promise<string>((r) => setTimeout(() => r('timeout'), 15_000).unref()),
      ]);
      assert.match(reason, /crash loop/);
      // Four quick deaths in a row (five if the first crash came later than 2 s after start).
      assert.ok(server.events().filter((e) => e.kind === 'crash').length >= 4);
    } finally {
      await server.stop();
    }
    await assertNoSurvivors(tag);
  });

  it('a server that ignores SIGTERM is SIGKILLed after the grace period', async () => {
    const { deps, tag } = testDeps();
    const config = serverConfig({ command: 'node ignore-sigterm.js', graceMs: 700 });
    const server = await startServer(config, deps);
    const pid = server.mainPids()[0] as number;
    await server.stop();
    const stop = server.events().find((e) => e.kind === 'stop');
    assert.ok(stop && stop.kind === 'stop' && stop.forced, JSON.stringify(stop));
    assert.equal(alive(pid), false);
    await server.stop(); // idempotent
    await assertNoSurvivors(tag);
  });

  it('a grandchild the server forked is gone after stop', async () => {
    const { deps, tag } = testDeps();
    const server = await startServer(serverConfig({ command: 'node grandchild.js' }), deps);
    const { body } = await getJson(`${server.targets[0]}/`);
    const { grandchild } = body as { grandchild: number };
    assert.equal(alive(grandchild), true);
    await server.stop();
    assert.equal(alive(grandchild), false);
    await assertNoSurvivors(tag);
  });

  it('aborting the boot stops everything and rejects', async () => {
    const abort = new AbortController();
    const { deps, tag } = testDeps({ signal: abort.signal });
    setTimeout(() => abort.abort(), 400).unref();
    const err = await bootError(startServer(serverConfig(), deps));
    assert.ok(err instanceof ServerError);
    assert.equal(err.code, 'LG_ABORTED');
    await assertNoSurvivors(tag);
  });

  it('records process groups in the state file and marks them stopped', async () => {
    const stateFile = join(tempDir(), 'pgids');
    const { deps, tag } = testDeps({ stateFile });
    const server = await startServer(
      serverConfig({ command: 'node grandchild.js', setup: ['true'] }),
      deps,
    );
    const pgid = server.mainPids()[0] as number;
    await server.stop();
    assert.ok(existsSync(stateFile));
    const lines = readFileSync(stateFile, 'utf8').trim().split('\n');
    assert.ok(
      lines.some((l) => new RegExp(`^\\+${pgid} \\d+$`).test(l)) && lines.includes(`-${pgid}`),
      lines.join(' '),
    );
    // The run mark opened and closed, the setup group and server group each added and removed.
    assert.equal(lines.length, 6);
    assert.match(lines[0] ?? '', /^@[0-9a-f-]{36}$/);
    assert.equal(lines[5], `!${(lines[0] ?? '').slice(1)}`);
    await assertNoSurvivors(tag);
  });
});
