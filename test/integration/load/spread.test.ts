import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { runLoad } from '../../../src/load/index.js';
import { startFastServer } from '../../support/servers/fast-server.js';
import type { FastServer } from '../../support/servers/fast-server.js';
import { request, testConfig } from './config.js';

test(
  'weights: seeded choice in the configured proportions, repeatable',
  { timeout: 20_000 },
  async () => {
    let order: string[] = [];
    const route = (name: string) => (_req: unknown, res: ServerResponse) => {
      order.push(name);
      res.end('ok');
    };
    const server = await startFastServer({ '/a': route('a'), '/b': route('b'), '/c': route('c') });
    try {
      const config = testConfig({ connections: 4, warmupMs: 200, durationMs: 500, seed: 99 }, [
        request({ name: 'a', path: '/a', weight: 1 }),
        request({ name: 'b', path: '/b', weight: 3 }),
        request({ name: 'c', path: '/c', weight: 0 }),
      ]);
      const [round] = await runLoad({ config, targets: [server.url], env: {} });
      assert.ok(round && round.requests >= 400, `${round?.requests} requests`);
      const [a, b, c] = round.endpoints;
      assert.equal(c?.requests, 0);
      const share = (a?.requests ?? 0) / round.requests;
      assert.ok(Math.abs(share - 0.25) < 0.07, `share of a: ${share}`);
      assert.equal((a?.requests ?? 0) + (b?.requests ?? 0), round.requests);
      // One connection: the order the server sees is the order of the seeded picks.
      const sequence = async () => {
        order = [];
        await runLoad({
          config: {
            ...config,
            load: { ...config.load, connections: 1, warmupMs: 0, durationMs: 200 },
          },
          targets: [server.url],
          env: {},
        });
        assert.ok(order.length >= 30, `${order.length} requests`);
        return order.slice(0, 30);
      };
      assert.deepEqual(await sequence(), await sequence(), 'same seed, same sequence');
    } finally {
      await server.close();
    }
  },
);

test('connections are spread round-robin over every target', { timeout: 20_000 }, async () => {
  const servers: FastServer[] = await Promise.all([
    startFastServer(),
    startFastServer(),
    startFastServer(),
  ]);
  try {
    const config = testConfig({ connections: 6, durationMs: 300 }, [request({ path: '/fast' })]);
    const [round] = await runLoad({ config, targets: servers.map((s) => s.url), env: {} });
    assert.ok(round && round.errors === 0);
    for (const s of servers) assert.ok(s.count() > 10, `${s.url} got ${s.count()} requests`);
    const total = servers.reduce((n, s) => n + s.count(), 0);
    assert.ok(total - round.requests >= 0 && total - round.requests <= 6);
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
});

test(
  'an aborted signal stops the run early with the rounds finished so far',
  { timeout: 20_000 },
  async () => {
    const server = await startFastServer();
    try {
      const abort = new AbortController();
      const config = testConfig({ connections: 2, durationMs: 300, rounds: 20 }, [
        request({ path: '/fast' }),
      ]);
      const rounds = await runLoad({
        config,
        targets: [server.url],
        env: {},
        signal: abort.signal,
        progress: { onRoundDone: (r) => r.index === 1 && abort.abort() },
      });
      assert.deepEqual(
        rounds.map((r) => r.index),
        [0, 1],
      );
      const before = server.count();
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(server.count(), before, 'no load after the run resolved');
      // Aborted before it starts: nothing at all.
      const none = await runLoad({
        config,
        targets: [server.url],
        env: {},
        signal: AbortSignal.abort(),
      });
      assert.deepEqual(none, []);
    } finally {
      await server.close();
    }
  },
);

test('bad targets are ScenarioErrors before any load', async () => {
  const config = testConfig({}, [request({ path: '/fast' })]);
  await assert.rejects(runLoad({ config, targets: [], env: {} }), /no target URL/);
  await assert.rejects(
    runLoad({ config, targets: ['ftp://127.0.0.1:21'], env: {} }),
    /expected an http/,
  );
  await assert.rejects(
    runLoad({ config, targets: ['nonsense'], env: {} }),
    /target nonsense is not a URL/,
  );
  await assert.rejects(
    runLoad({ config, targets: ['http://127.0.0.1:1/api'], env: {} }),
    /paths belong in requests/,
  );
});
