import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runLoad } from '../../../src/load/index.js';
import type { SetupRequestSpec } from '../../../src/config/types.js';
import { ScenarioError } from '../../../src/errors.js';
import { startFastServer } from '../../support/servers/fast-server.js';
import { request, testConfig } from './config.js';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => resolve(body));
  });
}
const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

const login = (over: Partial<SetupRequestSpec> = {}): SetupRequestSpec => ({
  ...request({
    name: 'login',
    method: 'POST',
    path: '/login',
    body: { kind: 'json', value: { user: 'ann', pass: '${env.PASS}' } },
  }),
  capture: {
    token: { from: 'json', path: 'access.token' },
    session: { from: 'header', path: 'X-Session' },
  },
  ...over,
});

test(
  'setup logs in once; captured token and header travel in every load request',
  { timeout: 20_000 },
  async () => {
    let logins = 0;
    let denied = 0;
    const server = await startFastServer({
      '/login': (req, res) =>
        void readBody(req).then((b) => {
          logins++;
          const { pass } = JSON.parse(b) as { pass: string };
          if (pass !== 'hunter2' || req.headers['content-type'] !== 'application/json')
            return send(res, 401, {});
          send(res, 200, { access: { token: 'tok-123' } }, { 'x-session': 'sess-9' });
        }),
      '/me': (req, res) => {
        const ok =
          req.headers.authorization === 'Bearer tok-123' && req.headers['x-session'] === 'sess-9';
        if (!ok) denied++;
        send(res, ok ? 200 : 401, { me: 'ann' });
      },
    });
    try {
      const config = testConfig(
        { connections: 2, durationMs: 300 },
        [
          request({
            path: '/me',
            headers: { Authorization: 'Bearer ${token}', 'x-session': '${session}' },
          }),
        ],
        { setup: [login()] },
      );
      const phases: string[] = [];
      const [round] = await runLoad({
        config,
        targets: [server.url],
        env: { PASS: 'hunter2' },
        progress: { onPhase: (p) => phases.push(p) },
      });
      assert.deepEqual(phases, ['setup', 'round']);
      assert.equal(logins, 1);
      assert.ok(round && round.requests > 10);
      assert.equal(round.errors, 0);
      assert.equal(denied, 0);
      assert.ok(server.countOf('/me') >= round.requests);
    } finally {
      await server.close();
    }
  },
);

test(
  'a failing setup request or a missing capture stops before load, naming request and URL',
  { timeout: 20_000 },
  async () => {
    const server = await startFastServer({
      '/login': (_req, res) => send(res, 200, { other: 1 }),
    });
    try {
      const run = (spec: SetupRequestSpec, env: Record<string, string> = { PASS: 'x' }) =>
        runLoad({
          config: testConfig({}, [request({ path: '/fast' })], { setup: [spec] }),
          targets: [server.url],
          env,
        });
      await assert.rejects(run(login()), (e: Error) => {
        assert.ok(e instanceof ScenarioError);
        assert.deepEqual(
          e.details,
          ['response JSON keys: other'],
          'keys only: a login answer holds secrets',
        );
        assert.match(
          e.message,
          new RegExp(
            `setup request 'login' \\(POST ${server.url}/login\\): cannot capture token: JSON path access\\.token is not in the response body`,
          ),
        );
        return true;
      });
      await assert.rejects(
        run(login({ path: '/status/503', capture: {} })),
        new RegExp(`setup request 'login' \\(POST ${server.url}/status/503\\) failed: status 503`),
      );
      await assert.rejects(
        run(login(), {}),
        /setup request 'login': body: environment variable PASS is not set/,
      );
      assert.equal(server.countOf('/fast'), 0, 'no load after a failed setup');
    } finally {
      await server.close();
    }
  },
);

test(
  'templates: env, vars, seq, randomInt, uuid and JSON bodies render per request',
  { timeout: 20_000 },
  async () => {
    const seen: {
      seq: string;
      n: number;
      id: string;
      key: string;
      body: { who: string; seq: string };
    }[] = [];
    const server = await startFastServer({
      '/t': (req, res) =>
        void readBody(req).then((b) => {
          const u = new URL(req.url ?? '/', 'http://x');
          seen.push({
            seq: u.searchParams.get('seq') ?? '',
            n: Number(u.searchParams.get('n')),
            id: String(req.headers['x-id']),
            key: String(req.headers['x-key']),
            body: JSON.parse(b) as { who: string; seq: string },
          });
          send(res, 200, {});
        }),
    });
    try {
      const config = testConfig(
        { connections: 1, durationMs: 300 },
        [
          request({
            method: 'POST',
            path: '/t',
            query: { seq: '${seq}', n: '${randomInt(10,12)}' },
            headers: { 'x-id': '${uuid}', 'x-key': '${env.KEY}-${vars.tenant}' },
            body: { kind: 'json', value: { who: 'say "${vars.tenant}"', seq: '${seq}' } },
          }),
        ],
        { vars: { tenant: 'acme' } },
      );
      const [round] = await runLoad({ config, targets: [server.url], env: { KEY: 'k1' } });
      assert.ok(round && round.requests >= 10);
      assert.deepEqual(
        seen.slice(0, 5).map((s) => s.seq),
        ['1', '2', '3', '4', '5'],
      );
      assert.ok(seen.every((s, i) => s.body.seq === String(i + 1) && s.body.who === 'say "acme"'));
      assert.ok(seen.every((s) => s.n >= 10 && s.n <= 12));
      assert.ok(seen.every((s) => s.key === 'k1-acme'));
      assert.ok(seen.every((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-4/.test(s.id)));
      assert.equal(new Set(seen.map((s) => s.id)).size, seen.length);
    } finally {
      await server.close();
    }
  },
);

test(
  'data feeds: CSV in order, JSON at random, a missing file named',
  { timeout: 20_000 },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loadgate-feed-'));
    const ids: string[] = [];
    const server = await startFastServer({
      '/items': (req, res) => {
        ids.push(new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '');
        send(res, 200, {});
      },
    });
    try {
      await writeFile(join(dir, 'users.csv'), 'id,name\n1,"A, a"\n2,B\n3,C\n');
      await writeFile(join(dir, 'users.json'), JSON.stringify([{ id: 'x' }, { id: 'y' }]));
      const req = [request({ path: '/items', query: { id: '${data.id}' } })];
      const csv = testConfig({ connections: 1, durationMs: 300 }, req, {
        data: { file: join(dir, 'users.csv'), format: 'csv', order: 'sequential' },
      });
      await runLoad({ config: csv, targets: [server.url], env: {} });
      assert.ok(ids.length >= 6);
      assert.deepEqual(ids.slice(0, 6), ['1', '2', '3', '1', '2', '3']);

      ids.length = 0;
      const json = testConfig({ connections: 1, durationMs: 300 }, req, {
        data: { file: join(dir, 'users.json'), format: 'json', order: 'random' },
      });
      await runLoad({ config: json, targets: [server.url], env: {} });
      assert.deepEqual(new Set(ids), new Set(['x', 'y']));

      const missing = testConfig({}, req, {
        data: { file: join(dir, 'nope.csv'), format: 'csv', order: 'sequential' },
      });
      await assert.rejects(
        runLoad({ config: missing, targets: [server.url], env: {} }),
        (e: Error) => {
          return e instanceof ScenarioError && e.message.includes(join(dir, 'nope.csv'));
        },
      );
      const badColumn = testConfig(
        {},
        [request({ path: '/items', query: { id: '${data.uid}' } })],
        {
          data: { file: 'mem.csv', format: 'csv', order: 'sequential' },
        },
      );
      await assert.rejects(
        runLoad({
          config: badColumn,
          targets: [server.url],
          env: {},
          readFile: async () => 'id\n1\n',
        }),
        /query\.id: \$\{data\.uid\}: the data feed has no column uid/,
      );
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
