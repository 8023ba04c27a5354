/**
 * `npm run demo`: the main job on a bundled example. Boots examples/node-api under loadgate's
 * supervisor, runs the scenario twice - the first run creates the baseline, the second compares
 * with it - and prints both reports. With `--django`, uses examples/django-gunicorn (needs
 * Debian's python3-django, gunicorn, python3-uvicorn).
 */
import { rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { ExitCode } from '../src/errors.js';

const django = process.argv.includes('--django');
const example = django ? 'examples/django-gunicorn' : 'examples/node-api';
const baseline = '.loadgate/demo/baseline.json';

if (django && !existsSync('/usr/bin/gunicorn')) {
  console.error(
    'The Django demo needs Debian packages: apt-get install python3-django gunicorn python3-uvicorn uvicorn',
  );
  process.exit(ExitCode.usage);
}

const abort = new AbortController();
process.on('SIGINT', () => abort.abort());
process.on('SIGTERM', () => abort.abort());

await rm(baseline, { force: true });
// Short rounds keep the demo near half a minute; a real gate uses the config's own durations.
const common = [
  'run',
  '--config',
  `${example}/loadgate.yml`,
  '--baseline-file',
  baseline,
  '--rounds',
  '3',
  '--duration',
  '3s',
  '--warmup',
  '1s',
];
const io = {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: abort.signal,
};

console.error(
  `\n=== loadgate demo, run 1 of 2: ${example}, no baseline yet; this run creates it\n`,
);
const first = await main({ ...io, argv: [...common, '--update-baseline'] });
if (first >= ExitCode.usage) process.exit(first);

console.error(`\n=== loadgate demo, run 2 of 2: the same API again, compared with run 1\n`);
const second = await main({
  ...io,
  argv: [
    ...common,
    '--json',
    '.loadgate/demo/report.json',
    '--markdown',
    '.loadgate/demo/comment.md',
  ],
});
if (second >= ExitCode.usage) process.exit(second);

console.error(
  `\nDemo done. JSON report: .loadgate/demo/report.json, PR comment body: .loadgate/demo/comment.md.\n` +
    `Run 2's verdict is what a pull request would get (exit code ${second}: 0 pass / 1 regression).` +
    (django ? '' : `\nThe Django + gunicorn + uvicorn example: npm run demo -- --django`),
);
setTimeout(() => process.exit(0), 1000).unref();
