// The action's `mode: sweep` through src/action/main.ts with a stand-in for @actions/core:
// JSON report at report-path, Markdown in the job summary, outputs, no PR comment.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as Core from '@actions/core';
import { main } from '../../../src/action/main.js';
import type { SweepReport } from '../../../src/sweep/types.js';
import { assertNoSurvivors } from '../supervisor/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'lg-sweep-action-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fakeCore(inputs: Record<string, string>) {
  const failed: string[] = [];
  const lines: string[] = [];
  const core = {
    getInput: (name: string) => inputs[name] ?? '',
    info: (m: string) => lines.push(m),
    warning: (m: string) => lines.push(`warning: ${m}`),
    error: (m: string) => lines.push(`error: ${m}`),
    debug: () => {},
    group: async <T>(name: string, fn: () => Promise<T>) => {
      lines.push(`## ${name}`);
      return fn();
    },
    setFailed: (m: string) => failed.push(m),
  } as unknown as typeof Core;
  return { core, failed, lines };
}

function outputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    out[m[1] ?? ''] = m[3] ?? '';
  return out;
}

test('mode: sweep writes the report, the summary and recommended-workers', async () => {
  const tag = randomUUID();
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const { core, failed, lines } = fakeCore({
    mode: 'sweep',
    config: resolve('examples/node-api/loadgate.yml'),
    'sweep-workers': '1,2',
    'sweep-cpus': '1',
    rounds: '2',
    duration: '1s',
    connections: '8',
    comment: 'always',
  });
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
  const out = outputs(files.GITHUB_OUTPUT);
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
