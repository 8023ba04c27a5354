/**
 * Shared pieces of the supervisor's integration tests: a ServerConfig builder, a tag in the
 * children's environment to find every process a test started, and a bounded wait.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from '../../../src/config/types.js';
import { memoryLogger } from '../../../src/log.js';
import type { SupervisorDeps } from '../../../src/supervisor/index.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = join(ROOT, 'test/fixtures/servers');

export function tempDir(prefix = 'lg-sup-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function serverConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    command: 'node never-ready.js',
    cwd: FIXTURES,
    setup: [],
    setupTimeoutMs: 30_000,
    env: {},
    workers: { mode: 'spawn', count: 1, auto: false, reason: 'test' },
    socket: 'per-port',
    ready: { path: '/health', timeoutMs: 20_000, status: 200, successes: 2 },
    graceMs: 3_000,
    failOnCrash: true,
    logDir: tempDir('lg-logs-'),
    ...overrides,
  };
}

/** Deps whose environment carries a unique tag, so `survivors(tag)` finds all our processes. */
export function testDeps(extra: Partial<SupervisorDeps> = {}) {
  const tag = randomUUID();
  const log = memoryLogger();
  const deps: SupervisorDeps = {
    log,
    env: { ...process.env, LOADGATE_TEST_TAG: tag },
    cores: 2,
    ...extra,
  };
  return { deps, log, tag };
}

/** Pids of live processes whose environment holds `LOADGATE_TEST_TAG=tag`. */
export function survivors(tag: string): number[] {
  const needle = `LOADGATE_TEST_TAG=${tag}`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(needle))
        found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

export async function assertNoSurvivors(tag: string): Promise<void> {
  // The watchdog shell may need a moment after stop() to notice its pipe closed.
  const left = await waitFor(() => survivors(tag).length === 0, 3_000);
  assert.ok(left, `processes of this test still running: ${survivors(tag).join(', ')}`);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

/** Polls `check` every 50 ms until true or `ms` pass; returns the last answer. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  ms: number,
): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers: { connection: 'close' } });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}
