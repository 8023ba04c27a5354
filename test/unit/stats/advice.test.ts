// The advice of an inconclusive A/B verdict (stats/advice.ts): more time in whole boot pairs,
// and what it says when the boot pairs, not the blocks, left the metric undecided.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GateConfig } from '../../../src/config/types.js';
import { adviceFor, type AdviceContext } from '../../../src/stats/advice.js';
import { tIntervalFrom } from '../../../src/stats/intervals.js';

const gate: GateConfig = {
  rps: 0.05,
  p95: 0.1,
  errors: 0.01,
  failOn: 'regression',
  maxTimeMs: 180_000,
};
const ctx: AdviceContext = {
  method: 'paired',
  canCompareWithBase: true,
  baselineRuns: 12,
  maxBlocks: 12,
  blockSeconds: 7,
  stageBlocks: 4,
  gate,
  alpha: 0.025,
};

test('undecided A/B: more blocks in whole sequential stages, and the max-time that would allow them', () => {
  // RPS -3% with a half-width of 3.5%: the interval straddles the -5% edge.
  const t = tIntervalFrom(-0.03, 0.035 / 2.2, 10);
  const a = adviceFor({ scope: null, metric: 'rps', test: t }, ctx);
  assert.equal(a.nextStep, 'more-time');
  const more = Number(/About (\d+) more blocks/.exec(a.text)?.[1]);
  assert.ok(more > 0 && more % 4 === 0, `whole stages of 4: ${a.text}`);
  assert.match(a.text, new RegExp(`about ${more * 7}s more`));
  assert.doesNotMatch(a.text, /boot pairs disagreed/);
});

test('boot pairs that disagreed: the advice says so, by how much, and the usual cause', () => {
  const t = tIntervalFrom(-0.03, 0.035 / 2.2, 2);
  const boots = { interval: t, pairs: 3, bootsDominate: true, bootSpread: 0.12 };
  const a = adviceFor({ scope: null, metric: 'rps', test: t, boots }, ctx);
  assert.equal(a.nextStep, 'more-time');
  assert.match(a.text, /The 3 boot pairs disagreed more than their blocks' noise explains/);
  assert.match(a.text, /±12\.0%/);
  assert.match(a.text, /own port \(workers: N\)/);
  assert.match(a.text, /its own memory layout .* only more boot pairs average that out/);
});

test('boot pairs that disagreed far too much for more time to help: still the boots, not accept-or-tighten', () => {
  const t = tIntervalFrom(-0.049, 0.3, 2);
  const quiet = adviceFor({ scope: null, metric: 'rps', test: t }, ctx);
  assert.equal(quiet.nextStep, 'accept-or-tighten');
  const boots = { interval: t, pairs: 3, bootsDominate: true, bootSpread: 0.4 };
  const a = adviceFor({ scope: null, metric: 'rps', test: t, boots }, ctx);
  assert.equal(a.nextStep, 'more-time');
  assert.match(a.text, /boot pairs disagreed/);
  assert.doesNotMatch(a.text, /tighten/);
});
