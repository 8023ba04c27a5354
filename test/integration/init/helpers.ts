/**
 * Shared pieces of init's integration tests: the CLI in-process (main(), output captured), a
 * short `loadgate run` of a generated scenario, and temp folders.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main.js';
import { parseConfigText, type Config } from '../../../src/config/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'lg-init-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function cli(args: string[], cwd: string): Promise<CliResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await main({
    argv: args,
    env: { ...process.env },
    cwd,
    stdout: out,
    stderr: err,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

/** The generated file, parsed by loadgate's own config parser. */
export function parseGenerated(path: string): Config {
  return parseConfigText(readFileSync(path, 'utf8'), {
    source: path,
    baseDir: join(path, '..'),
    env: process.env,
    cores: 2,
  });
}

export interface ShortRun {
  code: number;
  stderr: string;
  requests: number;
  errors: number;
  endpoints: { name: string; requests: number; errors: number }[];
}

/** `loadgate run` of a generated scenario with a short load; the JSON report's totals. */
export async function shortRun(cwd: string, config = 'loadgate.yml'): Promise<ShortRun> {
  const r = await cli(
    [
      'run',
      '-c',
      config,
      '--warmup',
      '200ms',
      '--duration',
      '500ms',
      '--rounds',
      '1',
      '--connections',
      '2',
      '--quiet',
      '--json',
      'report.json',
      '--baseline-file',
      'baseline.json',
    ],
    cwd,
  );
  if (r.code !== 0)
    return { code: r.code, stderr: r.stderr, requests: 0, errors: -1, endpoints: [] };
  const report = JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8')) as {
    totals: { requests: number; errors: number };
    endpoints: { name: string; requests: number; errors: number }[];
  };
  return { code: r.code, stderr: r.stderr, ...report.totals, endpoints: report.endpoints };
}
