/**
 * `mode: report` reads the JSON report an untrusted pull-request run uploaded as an artifact.
 * It is data from outside: check its shape before anything renders it (the renderer escapes
 * every string it prints).
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, errorMessage } from '../errors.js';
import type { Report } from '../report/types.js';

const VERDICTS = ['pass', 'regression', 'inconclusive', 'no-baseline', 'error'];
const PHASES = ['setup', 'boot', 'load', 'interrupted'];

export function checkReport(value: unknown, path: string): Report {
  const fail = (what: string): never => {
    throw new ConfigError(`${path}: not a loadgate JSON report (${what})`, {
      code: 'LG_REPORT_INVALID',
    });
  };
  if (value === null || typeof value !== 'object') fail('expected a JSON object');
  const r = value as Record<string, unknown>;
  if (r.schema !== 1) fail(`schema: expected 1, got ${JSON.stringify(r.schema)}`);
  if (typeof r.name !== 'string') fail('name: expected a string');
  if (typeof r.verdict !== 'string' || !VERDICTS.includes(r.verdict))
    fail(`verdict: expected one of ${VERDICTS.join(', ')}`);
  const metrics = r.metrics as Record<string, unknown> | undefined;
  for (const key of ['rps', 'p50', 'p95', 'p99', 'errorRate']) {
    const m = metrics?.[key] as Record<string, unknown> | undefined;
    if (!m || typeof m.current !== 'number') fail(`metrics.${key}.current: expected a number`);
  }
  for (const key of ['endpoints', 'rounds', 'warnings']) {
    if (!Array.isArray(r[key])) fail(`${key}: expected an array`);
  }
  // A failed run's report (verdict error) says why; every other report has no failure.
  const f = r.failure as Record<string, unknown> | null | undefined;
  if (r.verdict === 'error') {
    if (!f || typeof f !== 'object') fail('failure: expected an object with verdict error');
    else {
      if (typeof f.phase !== 'string' || !PHASES.includes(f.phase))
        fail(`failure.phase: expected one of ${PHASES.join(', ')}`);
      if (typeof f.code !== 'string' || typeof f.message !== 'string')
        fail('failure.code and failure.message: expected strings');
      if (!Array.isArray(f.details) || !f.details.every((d) => typeof d === 'string'))
        fail('failure.details: expected a list of strings');
    }
  } else if (f !== undefined && f !== null) {
    fail('failure: expected null unless the verdict is error');
  }
  return value as Report;
}

export async function readReportFile(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(
      `report file not found: ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); in mode "report", set the input "report" to the JSON report downloaded from the pull request's run`,
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
