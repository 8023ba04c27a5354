import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STEAL_SHOWN, STEAL_WARNING, meanSteal, stealWarning } from '../../../src/stats/steal.js';
import { renderMarkdown, renderText } from '../../../src/report/index.js';
import { buildReport } from '../report/fixtures.js';

const sampled = (...steal: number[]) => steal.map((s) => ({ system: { steal: s } }));

test('steal: the mean over the samples of the load, null without samples', () => {
  assert.equal(meanSteal([]), null);
  assert.equal(meanSteal(sampled(0, 0.25, 0.5)), 0.25);
});

test('steal: a warning from 5% on that names the share and the cause', () => {
  assert.equal(stealWarning(null), null);
  assert.equal(stealWarning(STEAL_WARNING - 0.001), null);
  assert.match(
    stealWarning(0.078) ?? '',
    /^the host gave 7\.8% of this machine's CPU time to other virtual machines during the load \(steal time\)/,
  );
});

test('steal: the terminal and the comment show it from 1%, not on a quiet host', () => {
  const quiet = buildReport();
  const busy = buildReport();
  quiet.noise = { ...quiet.noise, steal: STEAL_SHOWN / 2 };
  busy.noise = { ...busy.noise, steal: 0.078 };
  assert.doesNotMatch(renderText(quiet), /steal/);
  assert.doesNotMatch(renderMarkdown(quiet), /steal/);
  assert.match(renderText(busy), /noise: .*host steal 7\.8%/);
  assert.match(
    renderMarkdown(busy),
    /\*\*Noise:\*\* .*the host gave 7\.8% of the CPU time to other virtual machines \(steal\)/,
  );
});
