/**
 * Readiness: an HTTP round trip on a fresh connection each try (a bound port or a started master
 * proves nothing: gunicorn binds seconds before any worker answers), `successes` in a row.
 */
import { request } from 'node:http';
import type { ReadyConfig } from '../config/types.js';

/** Pause between failed probes: short, so the verdict lags the first answer by little. */
export const PROBE_INTERVAL_MS = 25;
const PROBE_TIMEOUT_MS = 5_000;

export type ProbeResult =
  { ok: true; status: number } | { ok: false; status: number | null; reason: string };

/** One GET on its own connection (agent: false), body drained, connection closed. */
export function probe(
  url: string,
  expected: number,
  timeoutMs = PROBE_TIMEOUT_MS,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let done = false;
    const onAbort = () => finish({ ok: false, status: null, reason: 'stopped' });
    const finish = (r: ProbeResult) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      req.destroy();
      resolve(r);
    };
    const req = request(
      url,
      { method: 'GET', agent: false, headers: { connection: 'close' } },
      (res) => {
        const status = res.statusCode ?? 0;
        res.on('error', () => {});
        res.resume();
        res.on('end', () =>
          finish(
            status === expected
              ? { ok: true, status }
              : { ok: false, status, reason: `HTTP ${status}` },
          ),
        );
      },
    );
    req.setTimeout(Math.max(1, timeoutMs), () =>
      finish({ ok: false, status: null, reason: 'no answer (timeout)' }),
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      finish({ ok: false, status: null, reason: e.code ?? e.message }),
    );
    if (signal?.aborted) return finish({ ok: false, status: null, reason: 'stopped' });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}

export type ReadyOutcome =
  { kind: 'ready'; at: number } | { kind: 'timeout'; last: string } | { kind: 'stopped' };

/**
 * Probes `url` until `successes` consecutive expected answers, the deadline, or `stop` aborts
 * (the process exited, boot aborted), which also cuts short a probe in flight.
 */
export async function waitReady(
  url: string,
  ready: Pick<ReadyConfig, 'status' | 'successes'>,
  deadline: number,
  stop: AbortSignal,
): Promise<ReadyOutcome> {
  let streak = 0;
  let last = 'no probe yet';
  const need = Math.max(1, ready.successes);
  while (!stop.aborted) {
    const left = deadline - Date.now();
    if (left <= 0) return { kind: 'timeout', last };
    const r = await probe(url, ready.status, Math.min(PROBE_TIMEOUT_MS, left), stop);
    if (stop.aborted) break;
    if (r.ok) {
      streak += 1;
      if (streak >= need) return { kind: 'ready', at: Date.now() };
      continue; // next probe at once: a second success costs a round trip, not a pause
    }
    streak = 0;
    last = r.reason;
    await pause(PROBE_INTERVAL_MS, stop);
  }
  return { kind: 'stopped' };
}

function pause(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    }
    stop.addEventListener('abort', done, { once: true });
  });
}
