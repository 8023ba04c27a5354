// mode: report reads a JSON report from an untrusted run: a failed run's report (verdict error)
// is accepted with its failure, and fails the step; a malformed failure is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../../src/action/report-file.js';
import { exitCodeFor } from '../../../src/pipeline/outcome.js';
import { renderJson } from '../../../src/report/index.js';
import { ExitCode } from '../../../src/errors.js';
import { buildReport } from '../report/fixtures.js';
import type { Verdict } from '../../../src/report/types.js';

const parsed = (verdict: Verdict) =>
  JSON.parse(renderJson(buildReport({ verdict }))) as Record<string, unknown>;

test('a failed run read back: accepted, and the step fails as a server failure', () => {
  const report = checkReport(parsed('error'), 'r.json');
  assert.equal(report.failure?.code, 'LG_SERVER_DIED');
  assert.equal(exitCodeFor(report, { failOn: 'regression', failOnCrash: false }), ExitCode.server);
  const pass = checkReport(parsed('pass'), 'r.json');
  assert.equal(exitCodeFor(pass, { failOn: 'regression', failOnCrash: false }), ExitCode.pass);
});

test('a failure that does not fit its verdict is refused, naming the field', () => {
  const noFailure = { ...parsed('error'), failure: null };
  assert.throws(() => checkReport(noFailure, 'r.json'), /r\.json: .*failure: expected an object/);
  const badPhase = parsed('error');
  badPhase.failure = { phase: 'lunch', code: 'X', message: 'm', details: [] };
  assert.throws(() => checkReport(badPhase, 'r.json'), /failure\.phase: expected one of/);
  const stray = { ...parsed('pass'), failure: { phase: 'load' } };
  assert.throws(() => checkReport(stray, 'r.json'), /failure: expected null unless/);
});
