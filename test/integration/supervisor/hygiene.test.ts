/**
 * What a run leaves and shows: a fresh log folder per start (tails from this run only), a
 * scrubbed environment for the server, redacted log tails, and no process left running, not
 * even one that left the process group with setsid.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LoadgateError } from '../../../src/errors.js';
import { startServer } from '../../../src/supervisor/index.js';
import { spawn } from 'node:child_process';
import { stopLeftovers as postMain, defaultPostDeps } from '../../../src/action/post.js';
import { listeningPorts, readStartTime } from '../../../src/supervisor/proc.js';
import { freePorts } from '../../../src/supervisor/ports.js';
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

/** What the action's environment holds that a server must not see. */
const ACTION_SECRETS = {
  'INPUT_GITHUB-TOKEN': 'ghs_inputTokenValue0123456789',
  INPUT_CONFIG: 'loadgate.yml',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token-value-abcdef',
  ACTIONS_RUNTIME_URL: 'https://pipelines.example.invalid/',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token-value',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example.invalid/',
  ACTIONS_CACHE_URL: 'https://cache.example.invalid/',
  GITHUB_TOKEN: 'ghs_githubTokenValue987654321',
};

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

  it('the server gets no action credentials unless server.env names them', async () => {
    const { deps, tag } = testDeps();
    deps.env = { ...deps.env, ...ACTION_SECRETS };
    const config = serverConfig({
      command: 'node env-dump.js',
      ready: { path: '/', timeoutMs: 20_000, status: 200, successes: 1 },
      env: { GITHUB_TOKEN: 'given-on-purpose' },
    });
    const server = await startServer(config, deps);
    try {
      const { body } = await getJson(`${server.targets[0]}/env`);
      const env = body as Record<string, string>;
      for (const name of Object.keys(ACTION_SECRETS)) {
        if (name !== 'GITHUB_TOKEN') assert.equal(env[name], undefined, name);
      }
      assert.equal(env.GITHUB_TOKEN, 'given-on-purpose');
      assert.equal(env.LOADGATE_TEST_TAG, tag); // the rest of the environment is passed on
      assert.match(env.LOADGATE_RUN_ID ?? '', /^[0-9a-f-]{36}$/);
      const dump = JSON.stringify(env);
      for (const v of Object.values(ACTION_SECRETS)) {
        if (v !== 'loadgate.yml') assert.ok(!dump.includes(v), v);
      }
    } finally {
      await server.stop();
    }
    await assertNoSurvivors(tag);
  });

  it('log tails in errors and crash events come out redacted', async () => {
    const { deps, tag } = testDeps({ secrets: ['given-secret-value-42'] });
    deps.env = { ...deps.env, ...ACTION_SECRETS };
    const env = {
      APP_SECRET_KEY: 'sk-live-0123456789abcdef',
      DATABASE_PASSWORD: 'correct-horse-battery',
      UPSTREAM_URL: 'https://user:given-secret-value-42@api.example.invalid/',
      HARMLESS: 'shown-as-is',
      DUMP_ONLY: 'APP_,DATABASE_,UPSTREAM_,HARMLESS',
    };
    const secretValues = [env.APP_SECRET_KEY, env.DATABASE_PASSWORD, 'given-secret-value-42'];
    // A boot failure's details.
    const boot = await bootError(
      startServer(
        serverConfig({ command: 'node env-dump.js', env: { ...env, DUMP_AT_BOOT: '1' } }),
        deps,
      ),
    );
    assert.equal(boot.code, 'LG_SERVER_EXITED');
    const bootText = boot.details.join('\n');
    assert.ok(bootText.includes('HARMLESS=shown-as-is'), bootText);
    assert.ok(bootText.includes('APP_SECRET_KEY=***'), bootText);
    for (const v of secretValues) assert.ok(!bootText.includes(v), v);

    // A crash while serving: the event the report shows.
    const server = await startServer(
      serverConfig({
        command: 'node env-dump.js',
        env,
        ready: { path: '/', timeoutMs: 20_000, status: 200, successes: 1 },
      }),
      deps,
    );
    try {
      await fetch(`${server.targets[0]}/crash`).catch(() => null);
      const crashed = () =>
        server
          .events()
          .find((e): e is Extract<ServerEvent, { kind: 'crash' }> => e.kind === 'crash');
      assert.ok(await waitFor(() => crashed() !== undefined, 15_000), 'no crash event');
      const text = crashed()?.lastLines.join('\n') ?? '';
      assert.ok(text.includes('DATABASE_PASSWORD=***'), text);
      assert.ok(text.includes('UPSTREAM_URL=https://user:***@api.example.invalid/'), text);
      for (const v of secretValues) assert.ok(!text.includes(v), v);
    } finally {
      await server.stop();
    }
    await assertNoSurvivors(tag);
  });

  it('a grandchild that called setsid is gone after a completed run', async () => {
    for (const workers of [
      { mode: 'spawn', count: 1, auto: false, reason: 'test' } as const,
      { mode: 'self', count: null } as const,
    ]) {
      const { deps, tag, log } = testDeps();
      const server = await startServer(
        serverConfig({
          command: 'node setsid-grandchild.js',
          workers,
          ready: { path: '/', timeoutMs: 20_000, status: 200, successes: 1 },
        }),
        deps,
      );
      let grandchild = 0;
      try {
        const { body } = await getJson(`${server.targets[0]}/`);
        grandchild = (body as { grandchild: number }).grandchild;
        assert.equal(alive(grandchild), true);
        // It really left the group: group signals cannot reach it.
        const stat = readFileSync(`/proc/${grandchild}/stat`, 'utf8');
        const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        assert.notEqual(pgid, server.mainPids()[0]);
      } finally {
        await server.stop();
      }
      assert.equal(alive(grandchild), false, `grandchild ${grandchild} still runs`);
      assert.ok(
        log.lines.some((l) => l.includes('had left the server') && l.includes(String(grandchild))),
        log.lines.join('\n'),
      );
      await assertNoSurvivors(tag);
    }
  });

  it('the post step never signals a group whose leader has another start time', async () => {
    const dir = tempDir('lg-post-');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      detached: true,
      stdio: 'ignore',
    });
    const pid = child.pid as number;
    try {
      const start = readStartTime(pid);
      assert.ok(start !== null);
      // Recorded with another start time: as if the pid had been reused by this process.
      const stateFile = join(dir, 'loadgate-pgids');
      writeFileSync(stateFile, `+${pid} ${start + 1}\n`);
      const lines: string[] = [];
      const deps = {
        ...defaultPostDeps({ RUNNER_TEMP: dir }),
        log: { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) },
      };
      assert.deepEqual(await postMain(deps), []);
      assert.equal(alive(pid), true);
      assert.ok(
        lines.some((l) => l.includes('pid reused')),
        lines.join('\n'),
      );
      // Recorded with its own start time: ended.
      writeFileSync(stateFile, `+${pid} ${start}\n`);
      assert.deepEqual(await postMain(deps), [pid]);
      assert.ok(await waitFor(() => !alive(pid), 5_000));
    } finally {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('uvicorn --workers 2 is 2 workers, not 3 (the resource tracker is a helper)', async () => {
    const { deps, tag } = testDeps();
    const server = await startServer(
      serverConfig({
        command:
          '/usr/bin/python3 -m uvicorn asgi_app:app --host 127.0.0.1 --port $PORT --workers 2',
        workers: { mode: 'self', count: null },
        ready: { path: '/', timeoutMs: 30_000, status: 200, successes: 1 },
      }),
      deps,
    );
    try {
      assert.equal(server.workerCount(), 2);
      assert.equal(server.workers().length, 2);
    } finally {
      await server.stop();
    }
    await assertNoSurvivors(tag);
  });

  it('a command that hard-codes another port than $PORT fails fast, naming the port', async () => {
    const [fixed] = await freePorts(1);
    const { deps, tag } = testDeps();
    const config = serverConfig({
      command: `node fixed-port.js --port ${fixed}`,
      // Far longer than the test's own timeout: failing at all proves it did not wait for it.
      ready: { path: '/', timeoutMs: 600_000, status: 200, successes: 1 },
    });
    const err = await bootError(startServer(config, deps));
    assert.equal(err.code, 'LG_WRONG_PORT', err.message);
    assert.equal(err.exitCode, 3);
    assert.match(err.message, new RegExp(`listens on port ${fixed}, not on \\$PORT \\(\\d+\\)`));
    assert.match(err.message, /write \$PORT instead/);
    assert.ok(
      err.details.some((l) => l.includes(`listening on ${fixed}`)),
      err.details.join('\n'),
    );
    await assertNoSurvivors(tag);
  });

  it('a readiness timeout says which port the server listens on instead', async () => {
    const [fixed] = await freePorts(1);
    const { deps, tag } = testDeps();
    // It mentions $PORT (in a comment), so it is not failed early: the timeout names the port.
    const config = serverConfig({
      command: `node fixed-port.js --port ${fixed} # not $PORT`,
      ready: { path: '/', timeoutMs: 1_500, status: 200, successes: 1 },
    });
    const err = await bootError(startServer(config, deps));
    assert.equal(err.code, 'LG_READY_TIMEOUT', err.message);
    assert.match(err.message, new RegExp(`the server listens on port ${fixed}, not on \\$PORT`));
    await assertNoSurvivors(tag);
  });

  it('finds the ports a process listens on through /proc', async () => {
    assert.deepEqual(await listeningPorts([process.pid]), []);
  });
});
