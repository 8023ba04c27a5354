/**
 * Before load on a `target:` (an API loadgate did not boot): read the extra CA (`target-ca`)
 * and wait until the target answers (`target-ready`; always for a remote target, since a
 * preview deployment may still be coming up). Probes go through undici with TLS verification
 * on, exactly as the load's connections will connect.
 */
import { readFile } from 'node:fs/promises';
import { Agent, request } from 'undici';
import type { Config, TargetReadyConfig } from '../config/types.js';
import { targetReadiness } from '../config/index.js';
import { ConfigError, InterruptedError, ServerError, errorMessage } from '../errors.js';
import { formatDuration } from '../config/index.js';
import type { Logger } from '../log.js';
import { trustedCas } from '../load/engine.js';
import { errnoCode } from '../util/guards.js';

const PROBE_TIMEOUT_MS = 10_000;
const PROBE_PAUSE_MS = 1_000;

/** The PEM text of `target-ca`, or null; an unreadable or non-PEM file names the key. */
export async function readTargetCa(config: Config): Promise<string | null> {
  const file = config.targetAccess?.caFile ?? null;
  if (file === null) return null;
  const where = `${config.source ?? 'config'}: target-ca`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = errnoCode(e);
    throw new ConfigError(
      `${where}: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : errorMessage(e)}`,
      { code: 'LG_TARGET_CA' },
    );
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(
      `${where}: ${file} holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)`,
      { code: 'LG_TARGET_CA' },
    );
  }
  return text;
}

export interface WaitTargetDeps {
  log: Logger;
  signal: AbortSignal;
}

/** Waits until the target is ready (when a wait applies); throws LG_TARGET_NOT_READY on time-out. */
export async function waitForTarget(
  config: Config,
  ca: string | null,
  deps: WaitTargetDeps,
): Promise<void> {
  const ready = targetReadiness(config.target, config.targetAccess);
  if (config.target === null || ready === null) return;
  const url = new URL(ready.path, config.target).href;
  const expect = ready.status === null ? 'any answer below 500' : `HTTP ${ready.status}`;
  deps.log.info(`target: waiting for ${url} (${expect}, up to ${formatDuration(ready.timeoutMs)})`);
  const cas = trustedCas(ca);
  const agent = new Agent({ pipelining: 0, ...(cas ? { connect: { ca: cas } } : {}) });
  const started = Date.now();
  const deadline = started + ready.timeoutMs;
  let streak = 0;
  let last = 'no answer yet';
  try {
    while (Date.now() < deadline) {
      if (deps.signal.aborted) {
        throw new InterruptedError('interrupted while waiting for the target', {
          code: 'LG_ABORTED',
        });
      }
      const outcome = await probeOnce(agent, url, ready, deadline, deps.signal);
      if (outcome === null) {
        if (++streak >= ready.successes) {
          deps.log.info(`target: ready after ${formatDuration(Date.now() - started)}`);
          return;
        }
        continue;
      }
      streak = 0;
      last = outcome;
      await pause(Math.min(PROBE_PAUSE_MS, Math.max(0, deadline - Date.now())), deps.signal);
    }
  } finally {
    await agent.close().catch(() => undefined);
  }
  throw new ServerError(
    `target ${url} was not ready within ${formatDuration(ready.timeoutMs)} (target-ready): last: ${last}`,
    { code: 'LG_TARGET_NOT_READY' },
  );
}

/** One GET; null when it counts as ready, otherwise why not. */
async function probeOnce(
  agent: Agent,
  url: string,
  ready: TargetReadyConfig,
  deadline: number,
  signal: AbortSignal,
): Promise<string | null> {
  const timeout = Math.max(1, Math.min(PROBE_TIMEOUT_MS, deadline - Date.now()));
  try {
    const res = await request(url, {
      method: 'GET',
      dispatcher: agent,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeout)]),
    });
    await res.body.dump().catch(() => undefined);
    const ok = ready.status === null ? res.statusCode < 500 : res.statusCode === ready.status;
    return ok ? null : `HTTP ${res.statusCode}`;
  } catch (e) {
    return describeFailure(e);
  }
}

/** A short reason: the TLS or socket error code with its message (cert problems are common). */
function describeFailure(e: unknown): string {
  const err = e as { code?: string; cause?: { code?: string; message?: string } } & Error;
  const cause = err.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  if (err.code) return `${err.code}${err.message ? ` (${err.message})` : ''}`;
  return errorMessage(e);
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
