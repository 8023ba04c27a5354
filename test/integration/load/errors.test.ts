import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { runLoad } from '../../../src/load/index.js';
import { decodeHistogram } from '../../../src/load/histogram.js';
import type { LoadConfig, RequestSpec } from '../../../src/config/types.js';
import { startFastServer } from '../../support/servers/fast-server.js';
import type { FastServer } from '../../support/servers/fast-server.js';
import { request, testConfig } from './config.js';

let server: FastServer;
test.before(async () => {
  server = await startFastServer();
});
test.after(() => server.close());

async function one(
  spec: Partial<RequestSpec> & { path: string },
  load: Partial<LoadConfig> = {},
  target?: string,
) {
  const config = testConfig({ connections: 2, durationMs: 300, ...load }, [request(spec)]);
  const [round] = await runLoad({ config, targets: [target ?? server.url], env: {} });
  assert.ok(round, 'one round');
  return round;
}

test(
  'HTTP statuses outside expect.status are errors by status; accepted ones are not',
  { timeout: 20_000 },
  async () => {
    const r = await one({ path: '/status/500' });
    assert.ok(r.requests > 10);
    assert.equal(r.errors, r.requests);
    assert.deepEqual(r.errorsByKind, { 'status:500': r.requests });
    assert.deepEqual(r.endpoints[0]?.errorsByKind, { 'status:500': r.requests });
    const accepted = await one({
      path: '/status/404',
      expect: { status: [404], bodyContains: null },
    });
    assert.ok(accepted.requests > 10);
    assert.equal(accepted.errors, 0);
  },
);

test('body checks count failures without stopping the run', { timeout: 20_000 }, async () => {
  const fail = await one({ path: '/fast', expect: { status: [], bodyContains: 'nope' } });
  assert.ok(fail.requests > 10);
  assert.deepEqual(fail.errorsByKind, { 'check-failed': fail.requests });
  const pass = await one({ path: '/fast', expect: { status: [200], bodyContains: '"ok":true' } });
  assert.ok(pass.requests > 10);
  assert.equal(pass.errors, 0);
});

test(
  'a server that resets connections: counted as connect-reset, never a hang',
  { timeout: 20_000 },
  async () => {
    const r = await one({ path: '/reset' });
    assert.ok((r.errorsByKind['connect-reset'] ?? 0) > 0, JSON.stringify(r.errorsByKind));
    assert.equal(r.errors, r.requests);
  },
);

test('a server that answers garbage: counted as protocol errors', { timeout: 20_000 }, async () => {
  const r = await one({ path: '/garbage' });
  assert.ok((r.errorsByKind.protocol ?? 0) > 0, JSON.stringify(r.errorsByKind));
  assert.equal(r.errors, r.requests);
});

test(
  'a server that never answers: timeouts, and the run ends on time',
  { timeout: 20_000 },
  async () => {
    const r = await one({ path: '/never' }, { timeoutMs: 100, durationMs: 450 });
    assert.ok((r.errorsByKind.timeout ?? 0) >= 2, JSON.stringify(r.errorsByKind));
    assert.equal(r.errors, r.requests);
    assert.equal(decodeCount(r.latency), 0, 'no answer, no latency sample');
  },
);

test(
  'nobody listening: connect-refused, retried with backoff instead of spinning',
  { timeout: 20_000 },
  async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await one({ path: '/fast' }, { durationMs: 600 }, `http://127.0.0.1:${port}`);
    assert.ok((r.errorsByKind['connect-refused'] ?? 0) > 0, JSON.stringify(r.errorsByKind));
    assert.equal(r.errors, r.requests);
    // Backoff 0, 10, 20, 40, ... ms: well under 20 attempts per connection in 600 ms.
    assert.ok(r.requests <= 2 * 20, `${r.requests} attempts`);
  },
);

test(
  'open model: a dead server never piles up work; stale backlog is dropped as timeouts',
  { timeout: 20_000 },
  async () => {
    const r = await one(
      { path: '/never' },
      { model: 'open', rate: 200, connections: 2, timeoutMs: 100, durationMs: 500 },
    );
    assert.ok((r.generator.dropped ?? 0) > 0, `dropped ${r.generator.dropped}`);
    assert.equal(r.errors, r.requests);
    assert.equal(r.errorsByKind.timeout, r.requests);
    // Bounded: never more than the due requests plus the ones in flight.
    assert.ok(
      r.requests <= (r.generator.targetRate ?? 0) * r.seconds + 2 + 40,
      `${r.requests} requests`,
    );
  },
);

function decodeCount(encoded: string): number {
  return decodeHistogram(encoded).totalCount;
}
