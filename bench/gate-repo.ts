/**
 * The benchmarks' API under test in a throw-away git repository (bench:gate, bench:boots): the
 * knob fixture (bench/fixtures/knob-api.mjs) or examples/django-gunicorn with a CPU knob in its
 * list view, a base commit c0 and one commit per case off it (A/A: a README change; +N%: N%
 * more CPU work per request). Plus the small helpers both benches print with.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfigText } from '../src/config/index.js';
import type { Config } from '../src/config/types.js';
import type { Logger } from '../src/log.js';

/** `A/A` (same code, a README change) or `+N%` (N% more CPU work per request). */
export type Case = string;

export interface RepoOptions {
  /** `knob` (the Node fixture) or `django` (examples/django-gunicorn). */
  example: string;
  cases: readonly Case[];
  /** gate.rps for every gate (null: loadgate's default). */
  tolerance: string | null;
  /** gunicorn workers in the Django example (1 by default). */
  djangoWorkers?: number;
  /** Put before the server command, e.g. `taskset -c 1 ` (bench:boots' conditions). */
  commandPrefix?: string;
}

export interface BenchRepo {
  dir: string;
  c0: string;
  heads: Record<Case, string>;
}

const FIXTURE = resolve(import.meta.dirname ?? '.', 'fixtures/knob-api.mjs');
const DJANGO = resolve(import.meta.dirname ?? '.', '../examples/django-gunicorn');

export function checkCases(cases: readonly string[]): void {
  for (const c of cases) {
    if (c !== 'A/A' && !/^\+\d+%$/.test(c)) {
      throw new Error(`BENCH_CASES: "${c}" is not A/A or +N% (N% more CPU work per request)`);
    }
  }
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
export const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

function yamlLoad(): string {
  const keys: string[] = [];
  if (process.env.BENCH_WARMUP) keys.push(`warmup: ${process.env.BENCH_WARMUP}`);
  if (process.env.BENCH_DURATION) keys.push(`duration: ${process.env.BENCH_DURATION}`);
  if (process.env.BENCH_ROUNDS) keys.push(`rounds: ${process.env.BENCH_ROUNDS}`);
  return keys.length > 0 ? `load: { ${keys.join(', ')} }` : '';
}

/** The server section and files of the API under test: the knob fixture, or Django. */
function api(
  dir: string,
  options: RepoOptions,
): { server: string[]; requests: string; files: Record<string, string> } {
  if (options.example === 'django') {
    // examples/django-gunicorn under gunicorn with 1 uvicorn worker, plus a CPU knob in the list
    // view (pure Python work, so +10% work is about +10% CPU per request).
    cpSync(DJANGO, dir, {
      recursive: true,
      filter: (src) => !/(\.loadgate|__pycache__|db\.sqlite3)/.test(src),
    });
    rmSync(join(dir, 'loadgate.yml'));
    const views = readFileSync(join(dir, 'itemsapi/views.py'), 'utf8');
    const knob = [
      '',
      'import json as _json, pathlib as _pathlib',
      '_WORK = int(int(__import__("os").environ.get("BENCH_ITERATIONS", "20000")) * _json.loads(',
      '    (_pathlib.Path(__file__).resolve().parent.parent / "knob.json").read_text())["work"])',
      '',
      '',
      'def _burn():',
      '    x = 1',
      '    for i in range(_WORK):',
      '        x = (x * 1103515245 + 12345) & 0xFFFFFFFF',
      '    return x',
      '',
    ].join('\n');
    return {
      server: [
        `  command: ${options.commandPrefix ?? ''}gunicorn itemsapi.asgi:application -k uvicorn.workers.UvicornWorker -w ${options.djangoWorkers ?? 1} --bind 127.0.0.1:$PORT`,
        '  setup: /usr/bin/python3 manage.py migrate --noinput',
        '  env: { DJANGO_SETTINGS_MODULE: itemsapi.settings }',
        '  workers: self',
        '  ready: { path: /health, timeout: 60s }',
      ],
      requests: 'requests: [ { path: /api/items } ]',
      files: {
        'itemsapi/views.py':
          views.replace('def item_list(request):\n', 'def item_list(request):\n    _burn()\n') +
          knob,
      },
    };
  }
  copyFileSync(FIXTURE, join(dir, 'knob-api.mjs'));
  return {
    server: [
      `  command: ${options.commandPrefix ?? ''}node knob-api.mjs`,
      '  workers: 1',
      '  ready: { path: /health }',
    ],
    requests: 'requests: [ { path: /work } ]',
    files: {},
  };
}

/** The repository: c0 base, then one commit per case off c0 (A/A: a README change; +N%: the knob). */
export function makeRepo(root: string, options: RepoOptions): BenchRepo {
  const dir = join(root, 'api');
  git(root, 'init', '--quiet', '-b', 'main', dir);
  const under = api(dir, options);
  const yml = [
    'name: gate-bench',
    'server:',
    ...under.server,
    yamlLoad(),
    under.requests,
    options.tolerance ? `gate: { rps: ${options.tolerance} }` : '',
    `baseline: { file: ${JSON.stringify(join(root, 'baseline.json'))} }`,
    '',
  ].join('\n');
  const commit = (message: string, files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    git(dir, 'add', '--all');
    git(dir, 'commit', '--quiet', '-m', message);
    return git(dir, 'rev-parse', 'HEAD');
  };
  const c0 = commit('base', {
    ...under.files,
    'knob.json': '{ "work": 1.0 }\n',
    'loadgate.yml': yml,
    '.gitignore': '.loadgate/\n__pycache__/\ndb.sqlite3\n',
  });
  const heads: Record<Case, string> = {};
  for (const kase of options.cases) {
    git(dir, 'checkout', '--quiet', '-B', `case-${Object.keys(heads).length}`, c0);
    heads[kase] =
      kase === 'A/A'
        ? commit('docs only', { 'README.md': '# same code\n' })
        : commit(`${kase} CPU work`, {
            'knob.json': `{ "work": ${1 + Number(kase.slice(1, -1)) / 100} }\n`,
          });
  }
  git(dir, 'checkout', '--quiet', c0);
  return { dir, c0, heads };
}

export function c0Missing(kase: string): never {
  throw new Error(`no commit for case ${kase}`);
}

export function logger(verbose: boolean): Logger {
  const say = (m: string) => verbose && process.stderr.write(`  ${m}\n`);
  return {
    info: say,
    warn: (m) => say(`warning: ${m}`),
    error: (m) => process.stderr.write(`  error: ${m}\n`),
    debug: () => {},
    status: () => {},
    group: (name, fn) => {
      say(`## ${name}`);
      return fn();
    },
  };
}

export const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0
    ? NaN
    : s.length % 2
      ? (s[m] as number)
      : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** The repository's loadgate.yml as the CLI would read it. */
export function loadConfig(dir: string, env: Record<string, string | undefined>): Config {
  const path = join(dir, 'loadgate.yml');
  return parseConfigText(readFileSync(path, 'utf8'), {
    source: path,
    baseDir: dir,
    env,
    cores: os.availableParallelism(),
  });
}

/**
 * Holds `flock PATH` (util-linux) until the returned release is called, so a benchmark's gate
 * never overlaps another process's load test on this 2-core machine. null path: no lock.
 */
export async function holdLock(path: string | null): Promise<() => void> {
  if (!path) return () => {};
  const child = spawn('flock', [path, 'sh', '-c', 'echo locked; exec cat'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolveLock, reject) => {
    child.once('error', reject);
    child.stdout.once('data', () => resolveLock());
  });
  return () => child.stdin.end();
}
