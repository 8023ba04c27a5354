// The verdict in the step log: one line, a notice or an error annotation on the config file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { announceVerdict, annotationFile, verdictLine } from '../../../src/action/verdict.js';
import type { Report } from '../../../src/report/types.js';
import { buildReport } from '../report/fixtures.js';

function withFigures(r: Report): Report {
  return {
    ...r,
    metrics: {
      ...r.metrics,
      rps: {
        ...r.metrics.rps,
        current: 980,
        baseline: 1000,
        change: -0.012,
        interval: [-0.03, 0.006],
      },
      p95: { ...r.metrics.p95, current: 4.1, baseline: 4, change: 0.008, interval: null },
    },
  };
}

function recorder() {
  const calls: { kind: string; message: string; props: unknown }[] = [];
  const core = {
    notice: (message: string | Error, props?: unknown) =>
      calls.push({ kind: 'notice', message: String(message), props }),
    error: (message: string | Error, props?: unknown) =>
      calls.push({ kind: 'error', message: String(message), props }),
  };
  return { core, calls };
}

test('pass: verdict, RPS change with its interval, p95 change', () => {
  const r = withFigures(buildReport({ verdict: 'pass', name: 'items-api' }));
  assert.equal(
    verdictLine(r),
    'loadgate items-api: pass: RPS -1.2% (95% interval -3.0% … +0.6%), p95 +0.8%',
  );
  const { core, calls } = recorder();
  announceVerdict(core, r, 'loadgate.yml');
  assert.deepEqual(calls, [
    { kind: 'notice', message: verdictLine(r), props: { title: 'loadgate: items-api' } },
  ]);
});

test('no baseline: the figures of this run', () => {
  const r = buildReport({ verdict: 'no-baseline', baseline: false, name: 'items-api' });
  assert.match(
    verdictLine(r),
    /^loadgate items-api: no-baseline \(no baseline to compare with\): RPS [\d,.]+, p95 [\d.]+ m?s$/,
  );
});

test('a regression is an error annotation on the config file', () => {
  const r = withFigures(buildReport({ verdict: 'regression', name: 'items-api' }));
  const { core, calls } = recorder();
  announceVerdict(core, r, 'perf/loadgate.yml');
  assert.deepEqual(calls, [
    {
      kind: 'error',
      message: verdictLine(r),
      props: { title: 'loadgate: items-api', file: 'perf/loadgate.yml' },
    },
  ]);
});

test('a failed run (verdict error) says what failed, as an error annotation', () => {
  const base = buildReport({ verdict: 'error', name: 'items-api' });
  const r: Report = {
    ...base,
    summary: 'The server did not start: exit 1',
    failure: { phase: 'boot', code: 'LG_SERVER_EXIT', message: 'exit 1', details: [] },
  };
  assert.equal(verdictLine(r), 'loadgate items-api: error: The server did not start: exit 1');
  const { core, calls } = recorder();
  announceVerdict(core, r, undefined);
  assert.deepEqual(calls, [
    { kind: 'error', message: verdictLine(r), props: { title: 'loadgate: items-api' } },
  ]);
});

test('annotationFile: relative to the workspace, with forward slashes; nothing outside it', () => {
  assert.equal(annotationFile('/ws/perf/loadgate.yml', '/ws'), 'perf/loadgate.yml');
  assert.equal(annotationFile('/ws/loadgate.yml', '/ws/'), 'loadgate.yml');
  assert.equal(annotationFile('/elsewhere/loadgate.yml', '/ws'), undefined);
  assert.equal(annotationFile(null, '/ws'), undefined);
  assert.equal(annotationFile('/ws/loadgate.yml', undefined), undefined);
});
