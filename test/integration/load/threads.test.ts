import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLoad } from '../../../src/load/index.js';
import { splitConnections } from '../../../src/load/index.js';
import { decodeHistogram } from '../../../src/load/histogram.js';
import { startFastServer } from '../../support/servers/fast-server.js';
import { request, testConfig } from './config.js';

test('connections split evenly, never into an empty thread', () => {
  assert.deepEqual(splitConnections(5, 2), [3, 2]);
  assert.deepEqual(splitConnections(2, 4), [1, 1]);
  assert.deepEqual(splitConnections(64, 1), [64]);
});

test(
  'threads: workers share connections and targets; rounds merge exactly',
  { timeout: 60_000 },
  async () => {
    const servers = await Promise.all([startFastServer(), startFastServer()]);
    try {
      const config = testConfig({ threads: 2, connections: 4, durationMs: 400, rounds: 2 }, [
        request({ name: 'fast', path: '/fast', weight: 1 }),
        request({ name: 'root', path: '/', weight: 1 }),
      ]);
      const phases: string[] = [];
      const warnings: string[] = [];
      const rounds = await runLoad({
        config,
        targets: servers.map((s) => s.url),
        env: {},
        progress: {
          onPhase: (p, i) => phases.push(`${p}${i}`),
          onWarning: (w) => warnings.push(w),
        },
      });
      assert.deepEqual(warnings, []);
      assert.deepEqual(phases, ['round0', 'round1']);
      assert.deepEqual(
        rounds.map((r) => r.index),
        [0, 1],
      );
      const recorded = rounds.reduce((n, r) => n + r.requests, 0);
      const seen = servers.reduce((n, s) => n + s.count(), 0);
      assert.ok(recorded > 50, `${recorded} requests`);
      assert.ok(
        seen - recorded >= 0 && seen - recorded <= 4,
        `server ${seen} vs engine ${recorded}`,
      );
      for (const s of servers) assert.ok(s.count() > 0, `${s.url} got no traffic`);
      for (const r of rounds) {
        assert.equal(decodeHistogram(r.latency).totalCount, r.requests);
        assert.equal(
          r.endpoints.reduce((n, e) => n + e.requests, 0),
          r.requests,
        );
        assert.equal(r.errors, 0);
      }
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  },
);

test(
  'threads: the open model splits the rate and still reaches it',
  { timeout: 60_000 },
  async () => {
    const server = await startFastServer();
    try {
      const config = testConfig(
        { model: 'open', rate: 300, threads: 2, connections: 4, durationMs: 500 },
        [request({ path: '/fast' })],
      );
      const [round] = await runLoad({ config, targets: [server.url], env: {} });
      assert.ok(round);
      const { targetRate, achievedRate } = round.generator;
      assert.ok(
        targetRate !== null && Math.abs(targetRate - 300) / 300 < 0.2,
        `target ${targetRate}`,
      );
      assert.ok(
        achievedRate !== null && Math.abs(achievedRate / targetRate - 1) < 0.2,
        `achieved ${achievedRate}`,
      );
    } finally {
      await server.close();
    }
  },
);
