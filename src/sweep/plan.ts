/**
 * What a sweep will run, from flags and config (pure): the worker counts, the CPUs to pin the
 * server to, the connection levels, and the Config of each point.
 */
import type { Config, ServerConfig } from '../config/types.js';
import { ConfigError } from '../errors.js';
import { LIMITS } from '../config/defaults.js';
import { hasWorkersPlaceholder, WORKERS_PLACEHOLDER } from '../supervisor/placeholder.js';
import { count } from '../util/format.js';

/** Each value of a list is a boot and a full measurement: more than this is a typo. */
export const MAX_LEVELS = 32;

/** gunicorn's rule of thumb, the top of the default range: 1 .. 2 x cores + 1. */
export function defaultWorkerCounts(cores: number): number[] {
  const c = Math.max(1, Math.floor(cores));
  const top = 2 * c + 1;
  if (top <= 13) return Array.from({ length: top }, (_, i) => i + 1);
  // Many cores: powers of two, the core count and the rule's value, not every count.
  const counts = new Set([c, top]);
  for (let n = 1; n < top; n *= 2) counts.add(n);
  return [...counts].sort((a, b) => a - b);
}

/**
 * `1,2,4` or `1-5` or `1-3,8`: whole numbers from 1 to `max`, sorted, without repeats.
 * `label` names the flag or input in messages (`--workers`, `input "sweep-workers"`).
 */
export function parseCountList(text: string, label: string, max: number): number[] {
  const fail = (why: string): never => {
    throw new ConfigError(`${label}: ${why}, got "${text}"`, { code: 'LG_USAGE' });
  };
  const out = new Set<number>();
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => p === '')) fail('expected a list like 1,2,4');
  for (const part of parts) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) fail(`expected whole numbers or ranges like 1-4 ("${part}" is neither)`);
    const from = Number(m?.[1]);
    const to = m?.[2] === undefined ? from : Number(m[2]);
    if (from < 1 || to > max || to < from)
      fail(`expected numbers from 1 to ${max} (ranges low-high)`);
    for (let n = from; n <= to && out.size <= MAX_LEVELS; n++) out.add(n);
  }
  if (out.size > MAX_LEVELS)
    fail(`expected at most ${MAX_LEVELS} values (each one is a boot and a full measurement)`);
  return [...out].sort((a, b) => a - b);
}

export function parseWorkerList(text: string, label = '--workers'): number[] {
  return parseCountList(text, label, LIMITS.workers);
}

export function parseConnectionList(text: string, label = '--connections'): number[] {
  return parseCountList(text, label, LIMITS.connections);
}

/** `0-2,5` -> [0, 1, 2, 5] (the kernel's cpulist form, as in /proc/self/status). */
export function parseCpuList(text: string): number[] | null {
  const out = new Set<number>();
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return null;
    for (let n = from; n <= to; n++) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * `--cpus N` (the first N CPUs loadgate may use) or `--cpus 0,2` / `0-1` (those CPUs), checked
 * against the CPUs this process may run on.
 */
export function resolveCpus(text: string, allowed: readonly number[], label = '--cpus'): number[] {
  const t = text.trim();
  const have = `this machine lets loadgate use CPU ${allowed.join(',')}`;
  if (/^\d+$/.test(t)) {
    // A lone number is a count, as in docker --cpus ("a 1-vCPU target"); one given CPU is `3-3`.
    const n = Number(t);
    if (n < 1 || n > allowed.length) {
      throw new ConfigError(
        `${label}: expected a CPU count from 1 to ${allowed.length}, or a list like 0,1; ${have}; got "${text}"`,
        { code: 'LG_USAGE' },
      );
    }
    return allowed.slice(0, n);
  }
  const list = parseCpuList(t);
  if (list === null || list.length === 0) {
    throw new ConfigError(
      `${label}: expected a CPU count (1) or a list like 0,1 or 0-1, got "${text}"`,
      { code: 'LG_USAGE' },
    );
  }
  const missing = list.filter((c) => !allowed.includes(c));
  if (missing.length > 0) {
    throw new ConfigError(`${label}: CPU ${missing.join(',')} not available: ${have}`, {
      code: 'LG_USAGE',
    });
  }
  return list;
}

/** A sweep changes the worker count: it needs a server, and `workers: self` needs `{workers}`. */
/** The server a sweep boots at each worker count; a config that cannot be swept is an error. */
export function sweepableServer(config: Config): ServerConfig {
  const where = config.source ? `${config.source}: ` : '';
  const server = config.server;
  if (!server) {
    throw new ConfigError(
      `${where}server: a sweep boots the API at each worker count; a target URL cannot change its workers (give server.command)`,
      { code: 'LG_SWEEP_NO_SERVER' },
    );
  }
  if (server.workers.mode === 'self' && !hasWorkersPlaceholder(server.command)) {
    throw new ConfigError(
      `${where}server.command: with workers: self a sweep needs ${WORKERS_PLACEHOLDER} where the ` +
        `worker count goes, e.g. "gunicorn app:app -w ${WORKERS_PLACEHOLDER} --bind 127.0.0.1:$PORT" ` +
        `(or use workers: N and loadgate starts the copies); got "${server.command}"`,
      { code: 'LG_SWEEP_PLACEHOLDER' },
    );
  }
  return server;
}

export interface PointOptions {
  workers: number;
  /** CPUs to pin the server to; null: not pinned. */
  cpus: number[] | null;
  /** Run server.setup (migrations) only before the first point. */
  runSetup: boolean;
  /** Closed-model connections for the concurrency sweep. */
  connections?: number;
}

/** The Config of one point: the worker count set (and `{workers}` filled), CPUs pinned. */
export function configForPoint(config: Config, opts: PointOptions): Config {
  const server = config.server;
  if (!server) return config;
  const workers =
    server.workers.mode === 'self'
      ? { mode: 'self' as const, count: opts.workers }
      : {
          mode: 'spawn' as const,
          count: opts.workers,
          auto: false,
          reason: `sweep: ${count(opts.workers, 'worker')}`,
        };
  const command =
    server.workers.mode === 'self'
      ? server.command.split(WORKERS_PLACEHOLDER).join(String(opts.workers))
      : server.command;
  return {
    ...config,
    server: {
      ...server,
      command,
      workers,
      setup: opts.runSetup ? server.setup : [],
      cpus: opts.cpus,
    },
    load:
      opts.connections === undefined
        ? config.load
        : { ...config.load, connections: opts.connections },
  };
}

/** The sweep's own options from flag or input text (empty or null: not given). */
export function sweepOptionsFromText(
  text: { workers: string | null; cpus: string | null; connections: string | null },
  style: 'flag' | 'input',
  allowed: () => readonly number[],
): { workers: number[] | null; cpus: number[] | null; connections: number[] | null } {
  const label = (flag: string, input: string) =>
    style === 'flag' ? `--${flag}` : `input "${input}"`;
  const given = (v: string | null) => (v !== null && v.trim() !== '' ? v.trim() : null);
  const workers = given(text.workers);
  const cpus = given(text.cpus);
  const connections = given(text.connections);
  return {
    workers: workers === null ? null : parseWorkerList(workers, label('workers', 'sweep-workers')),
    cpus: cpus === null ? null : resolveCpus(cpus, allowed(), label('cpus', 'sweep-cpus')),
    connections:
      connections === null
        ? null
        : parseConnectionList(connections, label('connections', 'sweep-connections')),
  };
}
