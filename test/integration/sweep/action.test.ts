// The action's `mode: sweep` through src/main.ts's run() with a stand-in for @actions/core:
// JSON report at report-path, Markdown in the job summary, outputs, no PR comment.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run as main } from '../../../src/main.js';
import type { SweepReport } from '../../../src/sweep/types.js';
import { assertNoSurvivors } from '../supervisor/helpers.js';
import { fakeCore } from '../../support/fake-core.js';

const dir = mkdtempSync(join(tmpdir(), 'lg-sweep-action-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('mode: sweep writes the report, the summary and recommended-workers', async () => {
  const tag = randomUUID();
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const {
    core,
    failed,
    lines,
    outputs: out,
    annotations,
  } = fakeCore(
    {
      mode: 'sweep',
      config: resolve('examples/node-api/loadgate.yml'),
      'sweep-workers': '1,2',
      'sweep-cpus': '1',
      rounds: '2',
      duration: '1s',
      connections: '8',
      comment: 'always',
    },
    files.GITHUB_STEP_SUMMARY,
  );
  await main({
    core,
    env: {
      ...process.env,
      ...files,
      GITHUB_WORKSPACE: dir,
      RUNNER_TEMP: dir,
      LOADGATE_TEST_TAG: tag,
    },
    signal: new AbortController().signal,
  });
  await assertNoSurvivors(tag);
  assert.deepEqual(failed, [], lines.join('\n'));
  assert.equal(out['report-path'], join(dir, 'loadgate-sweep.json'));
  assert.match(out['recommended-workers'] ?? '', /^[12]$/);
  const report = JSON.parse(readFileSync(join(dir, 'loadgate-sweep.json'), 'utf8')) as SweepReport;
  assert.deepEqual(
    report.points.map((p) => p.workers),
    [1, 2],
  );
  assert.equal(report.pinned, true);
  assert.equal(String(report.recommendation.workers), out['recommended-workers']);
  assert.match(
    readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    /## loadgate sweep: node-api[\s\S]*xychart-beta/,
  );
  assert.ok(!lines.some((l) => /PR comment/.test(l)));
  assert.deepEqual(
    annotations.filter((a) => a.kind === 'notice').map((a) => a.message.split(':')[0]),
    ['loadgate sweep node-api'],
    'the recommendation is in the step log',
  );
});

test('mode: sweep with a bad sweep-workers input fails naming the input', async () => {
  const { core, failed } = fakeCore({
    mode: 'sweep',
    config: resolve('examples/node-api/loadgate.yml'),
    'sweep-workers': 'two',
  });
  await main({
    core,
    env: { ...process.env, GITHUB_WORKSPACE: dir },
    signal: new AbortController().signal,
  });
  assert.equal(failed.length, 1);
  assert.match(failed[0] ?? '', /input "sweep-workers"/);
});
