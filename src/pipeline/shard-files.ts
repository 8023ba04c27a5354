/**
 * Reading shard reports for `loadgate merge` (and the action's `mode: merge`, which reads the
 * artifacts earlier jobs uploaded). A folder is searched (recursively) for shard reports; a file
 * named on its own must be one. Files from other jobs are data from outside: checked before use.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, errorMessage } from '../errors.js';
import { SHARD_REPORT_KIND, type ShardReport } from './shard-report.js';
import { errnoCode } from '../util/guards.js';

export interface ShardFile {
  path: string;
  report: ShardReport;
}

const invalid = (path: string, what: string) =>
  new ConfigError(`${path}: not a loadgate shard report (${what})`, { code: 'LG_SHARD_REPORT' });

export function checkShardReport(value: unknown, path: string): ShardReport {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(path, 'expected a JSON object');
  }
  const r = value as Record<string, unknown>;
  if (r.kind !== SHARD_REPORT_KIND) {
    const hint =
      r.schema === 1 && typeof r.verdict === 'string'
        ? 'it is the report of a whole run: write shard reports with loadgate run --shard I/N --json FILE'
        : `kind: expected "${SHARD_REPORT_KIND}"`;
    throw invalid(path, hint);
  }
  if (r.schema !== 1) throw invalid(path, `schema: expected 1, got ${JSON.stringify(r.schema)}`);
  if (typeof r.name !== 'string') throw invalid(path, 'name: expected a string');
  const shard = r.shard as Record<string, unknown> | undefined;
  const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1;
  if (
    !shard ||
    !whole(shard.index) ||
    !whole(shard.count) ||
    (shard.index as number) > (shard.count as number)
  ) {
    throw invalid(path, 'shard: expected { index, count } with 1 <= index <= count');
  }
  if (typeof r.scenarioHash !== 'string') throw invalid(path, 'scenarioHash: expected a string');
  if (typeof r.startAt !== 'string' || !Number.isFinite(Date.parse(r.startAt))) {
    throw invalid(path, 'startAt: expected an ISO time');
  }
  if (!Array.isArray(r.rounds)) throw invalid(path, 'rounds: expected an array');
  for (const [i, round] of (r.rounds as unknown[]).entries()) {
    const o = round as Record<string, unknown> | null;
    const ok =
      o !== null &&
      typeof o === 'object' &&
      typeof o.index === 'number' &&
      typeof o.startedAt === 'number' &&
      typeof o.seconds === 'number' &&
      typeof o.requests === 'number' &&
      typeof o.errors === 'number' &&
      typeof o.latency === 'string' &&
      Array.isArray(o.endpoints);
    if (!ok)
      throw invalid(
        path,
        `rounds[${i}]: expected a round with index, startedAt, seconds, requests, errors, latency, endpoints`,
      );
  }
  const config = r.config as Record<string, unknown> | undefined;
  if (
    !config ||
    typeof config !== 'object' ||
    typeof config.name !== 'string' ||
    !config.gate ||
    !config.baseline ||
    !config.load
  ) {
    throw invalid(path, 'config: expected the series config (name, load, gate, baseline)');
  }
  if (typeof r.exitCode !== 'number') throw invalid(path, 'exitCode: expected a number');
  return value as ShardReport;
}

async function readOne(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = errnoCode(e);
    throw new ConfigError(
      `cannot read the shard report ${path}: ${code === 'ENOENT' ? 'no such file' : errorMessage(e)}`,
      { code: 'LG_SHARD_REPORT' },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw invalid(path, `invalid JSON: ${errorMessage(e)}`);
  }
}

async function jsonFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Every shard report the paths name: files as given (each must be one), folders searched for
 * `.json` files that are shard reports (others are skipped). None at all is an error.
 */
export async function readShardFiles(paths: readonly string[], cwd: string): Promise<ShardFile[]> {
  const out: ShardFile[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      for (const file of await jsonFilesUnder(path)) {
        const value = await readOne(file);
        if ((value as { kind?: unknown } | null)?.kind !== SHARD_REPORT_KIND) continue;
        out.push({ path: file, report: checkShardReport(value, file) });
      }
      continue;
    }
    out.push({ path, report: checkShardReport(await readOne(path), path) });
  }
  if (out.length === 0) {
    throw new ConfigError(
      `no shard reports in ${paths.join(', ') || '(nothing given)'}: pass the files that loadgate run --shard I/N --json FILE wrote, or folders holding them`,
      { code: 'LG_SHARD_REPORT' },
    );
  }
  return out;
}
