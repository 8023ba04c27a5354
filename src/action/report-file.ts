/**
 * `mode: report` reads the JSON report an untrusted pull-request run uploaded as an artifact.
 * It is data from outside: check its shape before anything renders it (the renderer escapes
 * every string it prints).
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, errorMessage } from '../errors.js';
import type { Report } from '../report/types.js';
import { errnoCode, isRecord, readPath } from '../util/guards.js';

const VERDICTS = ['pass', 'regression', 'inconclusive', 'no-baseline', 'error'];
const PHASES = ['setup', 'boot', 'load', 'interrupted'];

/** Throws a ConfigError (LG_REPORT_INVALID) naming the first field that is not as documented. */
function assertReport(value: unknown, path: string): asserts value is Report {
  function fail(what: string): never {
    throw new ConfigError(`${path}: not a loadgate JSON report (${what})`, {
      code: 'LG_REPORT_INVALID',
    });
  }
  if (!isRecord(value)) fail('expected a JSON object');
  if (value.schema !== 1) fail(`schema: expected 1, got ${JSON.stringify(value.schema)}`);
  if (typeof value.name !== 'string') fail('name: expected a string');
  if (typeof value.verdict !== 'string' || !VERDICTS.includes(value.verdict))
    fail(`verdict: expected one of ${VERDICTS.join(', ')}`);
  for (const key of ['rps', 'p50', 'p95', 'p99', 'errorRate']) {
    if (typeof readPath(value, ['metrics', key, 'current']) !== 'number')
      fail(`metrics.${key}.current: expected a number`);
  }
  for (const key of ['endpoints', 'rounds', 'warnings']) {
    if (!Array.isArray(value[key])) fail(`${key}: expected an array`);
  }
  // A failed run's report (verdict error) says why; every other report has no failure.
  const f = value.failure;
  if (value.verdict === 'error') {
    if (!isRecord(f)) fail('failure: expected an object with verdict error');
    if (typeof f.phase !== 'string' || !PHASES.includes(f.phase))
      fail(`failure.phase: expected one of ${PHASES.join(', ')}`);
    if (typeof f.code !== 'string' || typeof f.message !== 'string')
      fail('failure.code and failure.message: expected strings');
    if (!Array.isArray(f.details) || !f.details.every((d) => typeof d === 'string'))
      fail('failure.details: expected a list of strings');
  } else if (f !== undefined && f !== null) {
    fail('failure: expected null unless the verdict is error');
  }
}

export function checkReport(value: unknown, path: string): Report {
  assertReport(value, path);
  return value;
}

export async function readReportFile(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(
      `report file not found: ${path} (${errnoCode(e) ?? 'error'}); in mode "report", set the input "report" to the JSON report downloaded from the pull request's run`,
      { code: 'LG_REPORT_MISSING' },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: invalid JSON: ${errorMessage(e)}`, {
      code: 'LG_REPORT_INVALID',
    });
  }
  return checkReport(parsed, path);
}
