/**
 * Bad input is refused before anything starts, with a message naming the key at fault; and
 * `socket: shared` either works cleanly (Node >= 24.19) or says which Node it needs.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { LoadgateError } from '../../../src/errors.js';
import type { ServerConfig } from '../../../src/config/types.js';
import { startServer } from '../../../src/supervisor/index.js';
import { sharedSocketSupported } from '../../../src/supervisor/ports.js';
import { assertNoSurvivors, getJson, serverConfig, testDeps } from './helpers.js';

async function refused(config: ServerConfig): Promise<LoadgateError> {
  const { deps, tag } = testDeps();
  try {
    await startServer(config, deps);
  } catch (e) {
    assert.ok(e instanceof LoadgateError);
    await assertNoSurvivors(tag);
    return e;
  }
  assert.fail('expected startServer to refuse the config');
}

describe('supervisor pre-flight', () => {
  it('refuses a cwd that does not exist', async () => {
    const err = await refused(serverConfig({ cwd: '/nonexistent/loadgate-xyz' }));
    assert.equal(err.code, 'LG_SERVER_CWD');
    assert.equal(err.exitCode, 2);
    assert.match(err.message, /server\.cwd: folder \/nonexistent\/loadgate-xyz does not exist/);
  });

  for (const count of [0, 1000, 2.5]) {
    it(`refuses workers: ${count}`, async () => {
      const err = await refused(
        serverConfig({ workers: { mode: 'spawn', count, auto: false, reason: 'test' } }),
      );
      assert.equal(err.code, 'LG_SERVER_WORKERS');
      assert.match(err.message, new RegExp(`from 1 to 256, got ${count}`));
    });
  }

  it('refuses an env value that is not a string', async () => {
    const env = { DEBUG: 1 } as unknown as Record<string, string>;
    const err = await refused(serverConfig({ env }));
    assert.equal(err.code, 'LG_SERVER_ENV');
    assert.match(err.message, /server\.env\.DEBUG: expected a string, got number/);
  });

  it('refuses a program that is not on PATH, before running setup', async () => {
    const err = await refused(
      serverConfig({ command: 'PORT_X=1 gunicornx app:app', setup: ['touch /tmp/never'] }),
    );
    assert.equal(err.code, 'LG_COMMAND_NOT_FOUND');
    assert.equal(err.exitCode, 3);
    assert.match(err.message, /server\.command: command not found: gunicornx/);
  });

  it('refuses a fixed port in the command that is already taken', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as { port: number }).port;
    try {
      const err = await refused(
        serverConfig({ command: `node server.js --bind 127.0.0.1:${port}` }),
      );
      assert.equal(err.code, 'LG_PORT_TAKEN');
      assert.match(err.message, new RegExp(`names port ${port}, which is already in use`));
    } finally {
      holder.close();
    }
  });

  it('socket: shared hands one socket to every worker as fd 3, or names the Node it needs', async () => {
    const config = serverConfig({
      command: 'node fd3.js',
      socket: 'shared',
      workers: { mode: 'spawn', count: 2, auto: false, reason: 'test' },
    });
    if (!sharedSocketSupported()) {
      const err = await refused(config);
      assert.equal(err.code, 'LG_SHARED_UNSUPPORTED');
      assert.match(err.message, /needs Node >= 24\.19 \(net\.BoundSocket\), this is Node 20/);
      return;
    }
    const { deps, tag } = testDeps();
    const server = await startServer(config, deps);
    try {
      assert.equal(server.targets.length, 1);
      const pids = new Set(server.mainPids());
      for (let i = 0; i < 20; i++) {
        const { body } = await getJson(`${server.targets[0]}/`);
        const { pid, listenPidOk } = body as { pid: number; listenPidOk: boolean };
        assert.ok(pids.has(pid), `answered by ${pid}, not a worker (${[...pids].join(', ')})`);
        assert.equal(listenPidOk, true);
      }
    } finally {
      await server.stop();
    }
    await assertNoSurvivors(tag);
  });
});
