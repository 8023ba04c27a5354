import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLoad } from '../../../src/load/index.js';
import type { RoundResult } from '../../../src/load/types.js';
import { decodeHistogram, summarize } from '../../../src/load/histogram.js';
import { startFastServer } from '../../support/servers/fast-server.js';
import { request, testConfig } from './config.js';

const summary = (encoded: string) => summarize(decodeHistogram(encoded));

test(
  'closed model: the engine counts what the server saw, round by round',
  { timeout: 30_000 },
  async () => {
    const server = await startFastServer();
    try {
      const connections = 4;
      const config = testConfig({ connections, durationMs: 300, rounds: 2 }, [
        request({ path: '/fast' }),
      ]);
      const phases: string[] = [];
      const done: RoundResult[] = [];
      const rounds = await runLoad({
        config,
        targets: [server.url],
        env: {},
        progress: { onPhase: (p, i) => phases.push(`${p}${i}`), onRoundDone: (r) => done.push(r) },
      });
      assert.deepEqual(phases, ['round0', 'round1']);
      assert.deepEqual(done, rounds);
      assert.deepEqual(
        rounds.map((r) => r.index),
        [0, 1],
      );
      const recorded = rounds.reduce((n, r) => n + r.requests, 0);
      assert.ok(recorded > 100, `only ${recorded} requests`);
      // Every request the server received was either recorded or still in flight at the end.
      const missing = server.count() - recorded;
      assert.ok(
        missing >= 0 && missing <= connections,
        `server ${server.count()} vs engine ${recorded}`,
      );
      for (const r of rounds) {
        assert.equal(r.errors, 0);
        assert.equal(decodeHistogram(r.latency).totalCount, r.requests);
        assert.equal(r.serviceTime, r.latency, 'closed model: service time is the latency');
        assert.equal(r.endpoints.length, 1);
        assert.equal(r.endpoints[0]?.requests, r.requests);
        assert.ok(Math.abs(r.rps - r.requests / r.seconds) < 1e-9);
        assert.ok(r.generator.cpuShare > 0);
        assert.equal(r.generator.targetRate, null);
      }
    } finally {
      await server.close();
    }
  },
);

test(
  'open model: the achieved rate follows the target, constant and staged',
  { timeout: 30_000 },
  async () => {
    const server = await startFastServer();
    try {
      const constant = testConfig(
        { model: 'open', rate: 200, connections: 8, durationMs: 500, rounds: 2, warmupMs: 200 },
        [request({ path: '/fast' })],
      );
      const rounds = await runLoad({ config: constant, targets: [server.url], env: {} });
      for (const r of rounds) {
        const { targetRate, achievedRate } = r.generator;
        assert.ok(targetRate !== null && achievedRate !== null);
        assert.ok(Math.abs(targetRate - 200) / 200 < 0.2, `target ${targetRate}`);
        assert.ok(
          Math.abs(achievedRate / targetRate - 1) < 0.2,
          `achieved ${achievedRate} of ${targetRate}`,
        );
        assert.equal(r.errors, 0);
      }
      // A ramp 0 -> 400 req/s over 500 ms holds about 100 requests per round.
      const staged = testConfig(
        {
          model: 'open',
          stages: [{ durationMs: 500, rate: 400 }],
          connections: 8,
          durationMs: 500,
        },
        [request({ path: '/fast' })],
      );
      const [ramp] = await runLoad({ config: staged, targets: [server.url], env: {} });
      assert.ok(ramp);
      assert.ok(Math.abs(ramp.requests - 100) <= 20, `${ramp.requests} requests on the ramp`);
    } finally {
      await server.close();
    }
  },
);

test(
  'open model: a frozen server shows in latency from the due time, not in service time',
  { timeout: 30_000 },
  async () => {
    const server = await startFastServer();
    try {
      // One connection at 400 req/s: during a 300 ms freeze about 120 requests fall due; one of
      // them is held by the server, the rest wait in the generator's backlog.
      const config = testConfig(
        { model: 'open', rate: 400, connections: 1, durationMs: 1000, timeoutMs: 5000 },
        [request({ path: '/fast' })],
      );
      let timer: NodeJS.Timeout | undefined;
      const [round] = await runLoad({
        config,
        targets: [server.url],
        env: {},
        progress: { onPhase: () => (timer = setTimeout(() => server.freeze(300), 200)) },
      });
      clearTimeout(timer);
      assert.ok(round);
      assert.equal(round.errors, 0);
      const latency = summary(round.latency);
      const service = summary(round.serviceTime);
      assert.ok(latency.p99Ms >= 200, `latency p99 ${latency.p99Ms} ms`);
      assert.ok(
        service.p99Ms <= latency.p99Ms / 3,
        `service p99 ${service.p99Ms} ms vs latency p99 ${latency.p99Ms} ms`,
      );
      assert.ok(service.maxMs >= 200, 'the request held by the server shows in service time');
      assert.ok((round.generator.maxQueue ?? 0) >= 50, `backlog ${round.generator.maxQueue}`);
      assert.equal(round.generator.dropped, 0);
    } finally {
      await server.close();
    }
  },
);
