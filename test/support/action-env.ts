/**
 * Runs the bundled action (dist/action/index.js) the way GitHub runs it: INPUT_* variables, an
 * event payload in GITHUB_EVENT_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ACTION_BUNDLE = resolve('dist/action/index.js');

export interface ActionRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses the runner's output file (heredoc form `name<<DELIM ... DELIM`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const [, name, delim] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? '');
    out[name as string] = value.join('\n');
  }
  return out;
}

export async function runAction(opts: {
  inputs: Record<string, string>;
  event: { name: string; payload: unknown; ref?: string; sha?: string };
  workspace: string;
  apiUrl: string;
  runId: number;
  timeoutMs?: number;
  /** More runner variables (ACTIONS_RUNTIME_TOKEN, ...). */
  extraEnv?: Record<string, string>;
}): Promise<ActionRun> {
  if (!existsSync(ACTION_BUNDLE)) throw new Error(`${ACTION_BUNDLE} is missing: run npm run build`);
  const dir = await mkdtemp(join(tmpdir(), 'lg-action-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output');
  const summaryPath = join(dir, 'summary.md');
  await writeFile(eventPath, JSON.stringify(opts.event.payload));
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: opts.event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/api',
    GITHUB_RUN_ID: String(opts.runId),
    GITHUB_JOB: 'perf',
    GITHUB_REF: opts.event.ref ?? 'refs/pull/7/merge',
    GITHUB_SHA: opts.event.sha ?? '0'.repeat(40),
    GITHUB_WORKSPACE: opts.workspace,
    RUNNER_TEMP: dir,
    ...opts.extraEnv,
  };
  for (const [name, value] of Object.entries(opts.inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const child = spawn(process.execPath, [ACTION_BUNDLE], {
    cwd: opts.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 90_000);
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  clearTimeout(timer);
  return {
    code,
    stdout,
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
  };
}

export function pullRequestEvent(number: number, headSha: string, baseSha = 'b'.repeat(40)) {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: {
        number,
        head: { sha: headSha, ref: 'feature', repo: { full_name: 'acme/api', fork: false } },
        base: { sha: baseSha, ref: 'main', repo: { full_name: 'acme/api' } },
      },
      repository: { full_name: 'acme/api', default_branch: 'main' },
    },
  };
}

export function pushEvent(sha: string) {
  return {
    name: 'push',
    ref: 'refs/heads/main',
    sha,
    payload: {
      ref: 'refs/heads/main',
      after: sha,
      repository: { full_name: 'acme/api', default_branch: 'main' },
    },
  };
}
