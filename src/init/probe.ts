/**
 * Sends each generated request once before the file is written, so the requests that fail
 * (404, 401, a refused body) are written commented out and the first `loadgate run` is clean.
 * I/O edge of the init room: the requests are compiled by the load engine's own compiler from
 * the parsed Config, so what is probed is exactly what `loadgate run` would send.
 */
import { Client } from 'undici';
import type { Config } from '../config/types.js';
import { classifyAnswer } from '../load/classify.js';
import { createRng } from '../load/rng.js';
import { compileRequest } from '../load/scenario.js';
import { errorMessage } from '../errors.js';

export interface ProbeResult {
  name: string;
  /** null: the request passed; else why it failed (`status 404`, `connection refused ...`). */
  failure: string | null;
}

export interface ProbeInput {
  config: Config;
  /** Base URL to send to (the target, or the booted server's first worker). */
  baseUrl: string;
  /** First row of the data feed, when the scenario has one. */
  row: Record<string, string> | null;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  signal?: AbortSignal;
}

export async function probeRequests(input: ProbeInput): Promise<ProbeResult[]> {
  const { config } = input;
  const columns = input.row === null ? null : new Set(Object.keys(input.row));
  const client = new Client(input.baseUrl, {
    headersTimeout: input.timeoutMs,
    bodyTimeout: input.timeoutMs,
    connectTimeout: Math.min(input.timeoutMs, 10_000),
  });
  const rng = createRng(config.load.seed);
  const results: ProbeResult[] = [];
  try {
    let seq = 0;
    for (const spec of config.requests) {
      const compiled = compileRequest(spec, {
        scope: { env: input.env, vars: config.vars, captures: {}, columns },
      });
      const opts = compiled.fixed ?? compiled.build({ seq: ++seq, row: input.row, rng });
      try {
        const res = await client.request({ ...opts, signal: input.signal ?? null });
        const body = Buffer.from(await res.body.arrayBuffer());
        const kind = classifyAnswer(res.statusCode, compiled.accepted, compiled.bodyContains, body);
        results.push({
          name: spec.name,
          failure: kind === null ? null : `answered ${res.statusCode}`,
        });
      } catch (e) {
        results.push({ name: spec.name, failure: `no answer: ${errorMessage(e)}` });
      }
    }
  } finally {
    await client.destroy().catch(() => undefined);
  }
  return results;
}
