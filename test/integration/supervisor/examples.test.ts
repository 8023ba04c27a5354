/**
 * The examples, booted from their own loadgate.yml files, in both modes: they answer, the
 * supervisor finds and samples every worker, and nothing survives stop().
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfigText } from '../../../src/config/index.js';
import type { ServerConfig } from '../../../src/config/types.js';
import { startServer } from '../../../src/supervisor/index.js';
import type { RunningServer } from '../../../src/supervisor/types.js';
import { assertNoSurvivors, getJson, ROOT, tempDir, testDeps } from './helpers.js';

/** The example's server config as the config room reads it, logs and database moved to a temp dir. */
function exampleServer(file: string, env: Record<string, string> = {}): ServerConfig {
  const path = join(ROOT, 'examples', file);
  const config = parseConfigText(readFileSync(path, 'utf8'), {
    source: path,
    baseDir: dirname(path),
    env: process.env,
    cores: 2,
  });
  assert.ok(config.server);
  const tmp = tempDir();
  return {
    ...config.server,
    logDir: join(tmp, 'logs'),
    env: { ...config.server.env, ITEMS_DB: join(tmp, 'db'), ...env },
  };
}

/** Some requests to every target so the workers burn CPU between two samples (bounded). */
async function load(server: RunningServer, path: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  await Promise.all(
    server.targets.flatMap((t) =>
      [0, 1].map(async () => {
        while (Date.now() < until) await getJson(t + path);
      }),
    ),
  );
}

describe('examples under the supervisor', () => {
  it('node-api, two copies on their own ports: both answer and are sampled per worker', async () => {
    const { deps, tag } = testDeps();
    const server = await startServer(
      exampleServer('node-api/loadgate.yml', { WORK_ITERATIONS: '200000' }),
      deps,
    );
    try {
      assert.equal(server.mode, 'spawn');
      assert.equal(server.targets.length, 2);
      for (const t of server.targets) {
        const { status, body } = await getJson(`${t}/api/items/7`);
        assert.equal(status, 200);
        assert.equal((body as { id: number }).id, 7);
      }
      const since = Date.now();
      await load(server, '/api/items', 2_300);
      const samples = server.samples(since);
      assert.ok(samples.length >= 1);
      const busy = new Set(
        samples.flatMap((s) => s.processes.filter((p) => p.cpu > 0).map((p) => p.worker)),
      );
      assert.deepEqual([...busy].sort(), [0, 1], JSON.stringify(samples.at(-1)));
      for (const p of samples.at(-1)?.processes ?? []) {
        // The kernel's comm: Node 24 names its main thread "MainThread", which comm then shows.
        assert.ok(['node', 'MainThread'].includes(p.name ?? ''), `process name ${p.name}`);
        assert.ok(p.rssBytes > 1_000_000);
        assert.ok(p.pssBytes === null || p.pssBytes > 0);
      }
      assert.deepEqual(
        server.mainPids().sort(),
        samples
          .at(-1)
          ?.processes.map((p) => p.pid)
          .sort(),
        'each copy is one process: the shell execs node',
      );
    } finally {
      await server.stop();
    }
    await assertNoSurvivors(tag);
  });

  it('node-api under Node cluster (workers: self): its two workers are discovered', async () => {
    const { deps, tag } = testDeps();
    const server = await startServer(exampleServer('node-api/loadgate.cluster.yml'), deps);
    try {
      assert.equal(server.mode, 'self');
      assert.equal(server.workerCount(), 2);
      const main = server.mainPids()[0];
      assert.ok(server.workers().every((w) => w.pid !== main));
      const { body } = await getJson(`${server.targets[0]}/api/items`);
      assert.equal((body as unknown[]).length, 20);
    } finally {
      await server.stop();
    }
    await assertNoSurvivors(tag);
  });

  it('django under gunicorn -w 2 with uvicorn workers: setup migrates, workers found, DB read', async () => {
    const { deps, tag } = testDeps();
    const server = await startServer(exampleServer('django-gunicorn/loadgate.yml'), deps);
    try {
      const setup = server.events().find((e) => e.kind === 'setup');
      assert.ok(setup && setup.kind === 'setup' && setup.exitCode === 0);
      assert.equal(server.workerCount(), 2);
      const { status, body } = await getJson(`${server.targets[0]}/api/items`);
      assert.equal(status, 200);
      assert.equal((body as unknown[]).length, 20, 'the seeded rows');
      await load(server, '/api/items', 1_200);
      const last = server.samples().at(-1);
      const workers =
        last?.processes.filter((p) => p.worker !== null && p.worker !== undefined) ?? [];
      assert.equal(workers.length, 2, JSON.stringify(last));
      assert.ok(workers.every((p) => p.name === 'gunicorn' && p.rssBytes > 0));
      assert.ok(
        last?.processes.some((p) => p.worker === null && p.pid === server.mainPids()[0]),
        'the master',
      );
    } finally {
      await server.stop();
    }
    await assertNoSurvivors(tag);
  });

  it('django as two uvicorn copies (workers: 2): each port answers from the database', async () => {
    const { deps, tag } = testDeps();
    const server = await startServer(exampleServer('django-gunicorn/loadgate.spawn.yml'), deps);
    try {
      assert.equal(server.targets.length, 2);
      for (const t of server.targets) {
        const { status, body } = await getJson(`${t}/api/items/3`);
        assert.equal(status, 200);
        assert.deepEqual(body, { id: 3, name: 'item 3', price: 7.5 });
      }
      assert.equal(server.workers().length, 2);
    } finally {
      await server.stop();
    }
    await assertNoSurvivors(tag);
  });
});
