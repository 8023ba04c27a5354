import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { exitCodeAfterOutputs, writeOutputs } from '../../../src/cli/outputs.js';

const dir = mkdtempSync(join(tmpdir(), 'lg-outputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a file that cannot be written is one clear message; the others are still written', async () => {
  mkdirSync(join(dir, 'taken.json')); // a folder where the JSON file should go
  const problems = await writeOutputs(
    [
      { flag: '--json', path: 'taken.json', content: () => '{}' },
      { flag: '--markdown', path: 'out/report.md', content: () => '# report' },
    ],
    dir,
  );
  assert.equal(problems.length, 1);
  assert.match(
    problems[0] ?? '',
    new RegExp(`^cannot write the --json file ${join(dir, 'taken.json')}: `),
  );
  assert.doesNotMatch(problems[0] ?? '', /\n\s+at |\.tmp/);
  assert.equal(readFileSync(join(dir, 'out/report.md'), 'utf8'), '# report');
  assert.deepEqual(readdirSync(dir).sort(), ['out', 'taken.json']); // no temporary file left
});

test('write errors are named by cause, and a render error does not stop the others', async () => {
  const written: string[] = [];
  const problems = await writeOutputs(
    [
      { flag: '--json', path: '/r/a.json', content: () => '{}' },
      {
        flag: '--markdown',
        path: '/r/b.md',
        content: () => {
          throw new Error('render failed');
        },
      },
      { flag: '--json', path: '/r/c.json', content: () => '{}' },
    ],
    '/',
    async (path) => {
      if (path === '/r/a.json') throw Object.assign(new Error('EACCES: x'), { code: 'EACCES' });
      written.push(path);
    },
  );
  assert.deepEqual(problems, [
    'cannot write the --json file /r/a.json: permission denied (EACCES)',
    'cannot write the --markdown file /r/b.md: render failed',
  ]);
  assert.deepEqual(written, ['/r/c.json']);
});

test('exit code: the run’s own unless a pass lost a file', () => {
  assert.equal(exitCodeAfterOutputs(0, []), 0);
  assert.equal(exitCodeAfterOutputs(0, ['x']), 4);
  assert.equal(exitCodeAfterOutputs(1, ['x']), 1);
  assert.equal(exitCodeAfterOutputs(3, ['x']), 3);
});
