// A real git repository in a temp folder whose commits differ in the fixture API's speed, and
// a config for it, for the A/B tests.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../../../src/config/index.js';
import type { Config } from '../../../src/config/types.js';

const HERE = dirname(fileURLToPath(import.meta.url));

export { git } from '../../support/git.js';
import { git, GIT_ENV } from '../../support/git.js';

/** Short rounds, loose tolerances: only a large change may be called a regression. */
export function configText(baselineFile: string, extraServer: string[] = []): string {
  return [
    'name: ab-test',
    'server:',
    '  command: node server.mjs',
    '  workers: 1',
    '  grace: 2s',
    '  ready: { path: /, timeout: 20s }',
    ...extraServer.map((l) => `  ${l}`),
    'load: { connections: 4, warmup: 300ms, duration: 800ms, rounds: 2 }',
    'requests: [ { path: / } ]',
    'gate: { rps: -20%, p95: +50%, errors: 1% }',
    'compare: base',
    `baseline: { file: ${JSON.stringify(baselineFile)} }`,
    '',
  ].join('\n');
}

export interface TestRepo {
  dir: string;
  /** Where the test keeps its baseline file (outside the repository). */
  baselineFile: string;
  commit(message: string, files: Record<string, string>): string;
  config(env: Record<string, string | undefined>): Config;
}

export function testRepo(root: string): TestRepo {
  const dir = join(root, 'repo');
  const baselineFile = join(root, 'baseline.json');
  execFileSync('git', ['init', '--quiet', '-b', 'main', dir], { env: GIT_ENV });
  copyFileSync(join(HERE, 'fixture-server.mjs'), join(dir, 'server.mjs'));
  writeFileSync(join(dir, '.gitignore'), '.loadgate/\n');
  return {
    dir,
    baselineFile,
    commit(message, files) {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      git(dir, 'add', '--all');
      git(dir, 'commit', '--quiet', '-m', message);
      return git(dir, 'rev-parse', 'HEAD');
    },
    config(env) {
      const path = join(dir, 'loadgate.yml');
      const text = readFileSync(path, 'utf8');
      return parseConfigText(text, { source: path, baseDir: dir, env, cores: 2 });
    },
  };
}

export function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'lg-ab-'));
}

/** Worktrees git still knows about (the main checkout included). */
export function worktrees(dir: string): string[] {
  return git(dir, 'worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree '));
}

/** loadgate-base-* folders left in the temp folder by this process's runs. */
export function leftoverCheckouts(before: Set<string>): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith('loadgate-base-') && !before.has(n));
}
