/**
 * `npm run demo`: the main job on a bundled example, as a pull request would see it. Builds a
 * throw-away git repository from examples/node-api (with `--django`, examples/django-gunicorn:
 * needs Debian's python3-django, gunicorn, python3-uvicorn) and runs the real CLI three times:
 *
 *   1. main: a merge to main records the stored baseline (stored mode, --update-baseline);
 *   2. a branch that changes nothing the server runs: compared with its base on this runner
 *      (compare: auto finds the merge-base with main): not a regression;
 *   3. a branch that slows the API down (a CPU-heavy helper in Node, an N+1 query in Django):
 *      caught as a regression.
 *
 * Writes each run's JSON report and PR comment body to .loadgate/demo/. Exits 0 when the demo
 * ran (whatever the verdicts), 2 when something it needs is missing.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../src/cli/main.js';
import { ExitCode } from '../src/errors.js';

const django = process.argv.includes('--django');
const example = resolve(django ? 'examples/django-gunicorn' : 'examples/node-api');
const out = resolve('.loadgate/demo');

/** The change of step 3, per example: a file and how it is rewritten. */
const SLOWDOWN = django
  ? {
      file: 'itemsapi/views.py',
      what: 'an N+1 query: one more query per listed item',
      edit: (text: string) =>
        text.replace(
          '[i.as_json() for i in Item.objects.order_by("id")]',
          '[Item.objects.get(pk=i.pk).as_json() for i in Item.objects.order_by("id")]',
        ),
    }
  : {
      file: 'app.js',
      what: 'a CPU-heavy helper on every request',
      edit: (text: string) =>
        text.replace(
          'const WORK = Number(process.env.WORK_ITERATIONS ?? 0);',
          'const WORK = Number(process.env.WORK_ITERATIONS ?? 30000);',
        ),
    };

if (django && !existsSync('/usr/bin/gunicorn')) {
  console.error(
    'The Django demo needs Debian packages: apt-get install python3-django gunicorn python3-uvicorn uvicorn',
  );
  process.exit(ExitCode.usage);
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'loadgate demo',
  GIT_AUTHOR_EMAIL: 'demo@loadgate.invalid',
  GIT_COMMITTER_NAME: 'loadgate demo',
  GIT_COMMITTER_EMAIL: 'demo@loadgate.invalid',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

/** The example as the first commit of a new repository on `main`. */
function makeRepo(root: string): string {
  const dir = join(root, 'api');
  cpSync(example, dir, {
    recursive: true,
    filter: (src) => !/(\.loadgate|__pycache__|db\.sqlite3)/.test(src),
  });
  writeFileSync(join(dir, '.gitignore'), '.loadgate/\n__pycache__/\ndb.sqlite3\n');
  // The demo's short rounds (below) resolve about ±5%, too coarse to *pass* an unchanged commit
  // against the default -3% in the time they get; a real gate's rounds resolve 2-3%.
  const config = join(dir, 'loadgate.yml');
  const yml = readFileSync(config, 'utf8');
  if (!yml.includes('rps: -3%')) throw new Error(`${config}: expected gate rps: -3% to widen`);
  writeFileSync(config, yml.replace('rps: -3%', 'rps: -5%'));
  git(root, 'init', '--quiet', '-b', 'main', dir);
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'the API on main');
  return dir;
}

function branch(dir: string, name: string, message: string, change: () => void): void {
  git(dir, 'checkout', '--quiet', '-b', name, 'main');
  change();
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', message);
}

const abort = new AbortController();
process.on('SIGINT', () => abort.abort());
process.on('SIGTERM', () => abort.abort());

// Short rounds keep the demo within two minutes; a real gate uses the config's own durations.
const shortLoad = ['--rounds', '3', '--duration', '4s', '--warmup', '1s'];

async function loadgate(dir: string, step: string, extra: string[]): Promise<number> {
  const code = await main({
    argv: [
      'run',
      ...shortLoad,
      '--json',
      join(out, `${step}.json`),
      '--markdown',
      join(out, `${step}.md`),
      ...extra,
    ],
    env: process.env,
    cwd: dir,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: abort.signal,
  });
  if (code >= ExitCode.usage) {
    console.error(`\nThe demo stopped: loadgate exited ${code} in step "${step}".`);
    process.exit(code);
  }
  return code;
}

const verdictOf = (step: string) =>
  (JSON.parse(readFileSync(join(out, `${step}.json`), 'utf8')) as { verdict: string }).verdict;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const root = mkdtempSync(join(tmpdir(), 'loadgate-demo-'));
try {
  const dir = makeRepo(root);
  const name = django ? 'examples/django-gunicorn' : 'examples/node-api';
  console.error(
    `\n=== loadgate demo, step 1 of 3: ${name} in a new git repository (${dir});\n` +
      `    a merge to main records the stored baseline\n`,
  );
  await loadgate(dir, '1-main', ['--update-baseline']);

  branch(dir, 'docs-only', 'README: a typo', () =>
    writeFileSync(join(dir, 'README.md'), `${readFileSync(join(dir, 'README.md'), 'utf8')}\n`),
  );
  console.error(
    `\n=== step 2 of 3: a pull request that changes no code, measured next to its base (main)\n`,
  );
  const unchanged = await loadgate(dir, '2-unchanged', []);

  git(dir, 'checkout', '--quiet', 'main');
  branch(dir, 'slower', `${SLOWDOWN.file}: ${SLOWDOWN.what}`, () => {
    const path = join(dir, SLOWDOWN.file);
    const before = readFileSync(path, 'utf8');
    const after = SLOWDOWN.edit(before);
    if (after === before) throw new Error(`the demo's change no longer applies to ${path}`);
    writeFileSync(path, after);
  });
  console.error(`\n=== step 3 of 3: a pull request that adds ${SLOWDOWN.what}\n`);
  const slower = await loadgate(dir, '3-slower', []);

  console.error(
    [
      '',
      'Demo done. What the two pull requests got:',
      `  no code change:  ${verdictOf('2-unchanged')} (exit ${unchanged})`,
      `  ${SLOWDOWN.what}:  ${verdictOf('3-slower')} (exit ${slower})`,
      `The PR comment for the slower change: ${join(out, '3-slower.md')}`,
      `JSON reports and the other comments: ${out}/`,
      django ? '' : 'The same on Django + gunicorn + uvicorn: npm run demo -- --django',
    ].join('\n'),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
setTimeout(() => process.exit(0), 1000).unref();
