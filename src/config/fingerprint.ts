/**
 * A stable identity of "what was measured": two runs with the same fingerprint can be
 * compared; a changed scenario makes the stored baseline incomparable. Only what changes the
 * numbers is included (requests, setup, load shape, server command and workers); rounds,
 * warm-up, gate tolerances and absolute paths (which differ between machines) are not.
 */
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import type { Config } from './types.js';
import { isRecord } from '../util/guards.js';

/** JSON with object keys sorted at every depth, so equal data gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The comparable part of a config, as data (useful to show what changed). */
export function scenarioIdentity(config: Config): Record<string, unknown> {
  const { load, server } = config;
  return {
    requests: config.requests,
    setup: config.setup,
    vars: config.vars,
    data: config.data && {
      file: relative(config.baseDir, config.data.file),
      format: config.data.format,
      order: config.data.order,
    },
    load: {
      model: load.model,
      connections: load.connections,
      rate: load.rate,
      stages: load.stages,
      durationMs: load.durationMs,
      timeoutMs: load.timeoutMs,
    },
    server: server && {
      command: server.command,
      workers: server.workers.mode === 'self' ? 'self' : server.workers.count,
      socket: server.socket,
    },
  };
}

/** `sha256:<hex>` of the canonical JSON of scenarioIdentity. */
export function scenarioFingerprint(config: Config): string {
  const hash = createHash('sha256')
    .update(canonicalJson(scenarioIdentity(config)))
    .digest('hex');
  return `sha256:${hash}`;
}
