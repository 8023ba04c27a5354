// runAB's decisions that need no process: when there is nothing to compare with, the stored
// pipeline runs instead and the report says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAB } from '../../../src/ab/run-ab.js';
import type { StoredPath } from '../../../src/ab/types.js';
import type { Config } from '../../../src/config/types.js';
import type { RunOutcome } from '../../../src/run.js';
import type { Report } from '../../../src/report/types.js';
import { ExitCode } from '../../../src/errors.js';
import { memoryLogger } from '../../../src/log.js';
import { parse, minimal } from '../config/helpers.js';

function fakeStored(): StoredPath & { calls: Config[] } {
  const calls: Config[] = [];
  return {
    calls,
    run: (config) => {
      calls.push(config);
      const report = { verdict: 'no-baseline', warnings: ['stored warning'] } as unknown as Report;
      return Promise.resolve<RunOutcome>({ report, exitCode: ExitCode.pass });
    },
    exitCode: () => ExitCode.pass,
  };
}

const config = parse(minimal('compare: base\n'));
const deps = () => ({ log: memoryLogger(), env: {}, signal: new AbortController().signal });

for (const baseRef of [undefined, null, '', '  ']) {
  test(`no base ref (${JSON.stringify(baseRef)}): the stored path runs, with a warning first`, async () => {
    const stored = fakeStored();
    const d = deps();
    const outcome = await runAB(
      config,
      { updateBaseline: false, commit: null, baseRef },
      d,
      stored,
    );
    assert.equal(stored.calls.length, 1);
    assert.equal(outcome.report.warnings.length, 2);
    assert.match(
      outcome.report.warnings[0] ?? '',
      /^compare: base: no base commit to compare with/,
    );
    assert.match(outcome.report.warnings[0] ?? '', /compared with the stored baseline instead$/);
    assert.ok(d.log.lines.some((l) => l.startsWith('warning: compare: base:')));
  });
}

test('a target instead of a server: the stored path runs, with a warning', async () => {
  const stored = fakeStored();
  const target = { ...config, server: null, target: 'http://127.0.0.1:9' };
  const outcome = await runAB(
    target,
    { updateBaseline: false, commit: null, baseRef: 'main' },
    deps(),
    stored,
  );
  assert.equal(stored.calls.length, 1);
  assert.match(outcome.report.warnings[0] ?? '', /needs a server to boot/);
});
