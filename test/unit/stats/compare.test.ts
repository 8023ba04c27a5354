import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RoundMetrics } from '../../../src/report/types.js';
import { compare, DEFAULT_ALPHA } from '../../../src/stats/compare.js';
import { ASSUMED_RUNNER_SPREAD } from '../../../src/stats/stored.js';
import { welchInterval } from '../../../src/stats/intervals.js';
import {
  currentOf,
  entryOf,
  normalSource,
  simulatedRun,
  type NoiseModel,
  GATE,
} from './fixtures.js';

const gate = GATE;
const quiet: NoiseModel = { runnerSd: 0.01, roundSd: 0.01, rounds: 5 };

function history(seed: number, n: number, model: NoiseModel) {
  const normal = normalSource(seed);
  return Array.from({ length: n }, () => entryOf(simulatedRun(normal, model)));
}

const fixed = (over: Partial<RoundMetrics> = {}): RoundMetrics => ({
  rps: 1000,
  p50: 20,
  p95: 40,
  p99: 60,
  errorRate: 0,
  ...over,
});

test('no baseline: verdict no-baseline, figures without baseline values, a sentence with numbers', () => {
  const c = compare({
    current: currentOf(simulatedRun(normalSource(1), quiet)),
    baseline: null,
    gate,
  });
  assert.equal(c.verdict, 'no-baseline');
  assert.equal(c.method, 'none');
  assert.equal(c.metrics.rps.baseline, null);
  assert.equal(c.metrics.rps.verdict, 'no-baseline');
  assert.equal(c.metrics.errorRate.verdict, 'no-baseline');
  assert.match(
    c.summary,
    /^No baseline to compare with: this run measured \d{1,3}(,\d{3})*(\.\d)? RPS, p95 \d+(\.\d+)? ms and a 0\.00% error rate\.$/,
  );
  const withNote = compare({
    current: currentOf([fixed()]),
    baseline: [],
    gate,
    note: 'the scenario changed',
  });
  assert.match(withNote.summary, /No baseline to compare with \(the scenario changed\)/);
});

test('error ceiling: above it is a regression even without a baseline', () => {
  const c = compare({
    current: currentOf([fixed({ errorRate: 0.03 }), fixed({ errorRate: 0.03 })]),
    baseline: null,
    gate,
  });
  assert.equal(c.verdict, 'regression');
  assert.equal(c.metrics.errorRate.verdict, 'regression');
  assert.equal(c.summary, 'Regression: the error rate is 3.00%, above the 1.00% ceiling.');
});

test('error ceiling: a faster server that fails more is a regression', () => {
  const base = history(2, 8, quiet);
  const rounds = simulatedRun(normalSource(3), { ...quiet, speed: 1.3, errorRate: 0.02 });
  const c = compare({ current: currentOf(rounds), baseline: base, gate });
  assert.equal(c.metrics.rps.verdict, 'pass');
  assert.equal(c.metrics.errorRate.verdict, 'regression');
  assert.equal(c.verdict, 'regression');
  assert.match(c.summary, /error rate is 2\.00%, above the 1\.00% ceiling/);
});

test('A/A: the same distribution never gives a regression', () => {
  for (let seed = 10; seed < 30; seed++) {
    const model: NoiseModel = { runnerSd: 0.02, roundSd: 0.02, rounds: 5 };
    const c = compare({
      current: currentOf(simulatedRun(normalSource(seed + 500), model)),
      baseline: history(seed, 10, model),
      gate,
    });
    assert.notEqual(c.verdict, 'regression', `seed ${seed}: ${c.summary}`);
    assert.equal(c.method, 'prediction');
  }
});

test('a clear 30% slowdown is a regression, explained with numbers', () => {
  const c = compare({
    current: currentOf(simulatedRun(normalSource(4), { ...quiet, speed: 0.7 })),
    baseline: history(5, 10, quiet),
    gate,
  });
  assert.equal(c.verdict, 'regression');
  assert.equal(c.metrics.rps.verdict, 'regression');
  assert.equal(c.metrics.p95.verdict, 'regression');
  assert.ok(Math.abs((c.metrics.rps.change ?? 0) + 0.3) < 0.03, `change ${c.metrics.rps.change}`);
  const [low, high] = c.metrics.rps.interval ?? [0, 0];
  assert.ok(
    low < (c.metrics.rps.change ?? 0) && (c.metrics.rps.change ?? 0) < high && high < -0.05,
  );
  assert.match(
    c.summary,
    /^Regression: RPS fell (29|30|31)\.\d% \(95% interval -\d+\.\d% to -\d+\.\d%\) against 10 baseline runs, beyond the -5\.0% tolerance; 1 more gated metric regressed\.$/,
  );
});

test('a change within tolerance on a quiet runner passes', () => {
  const c = compare({
    current: currentOf(simulatedRun(normalSource(6), { ...quiet, speed: 0.985 })),
    baseline: history(7, 10, quiet),
    gate,
  });
  assert.equal(c.verdict, 'pass', c.summary);
  assert.match(
    c.summary,
    /^Pass: RPS -?\d\.\d% \(95% interval .*\) and p95 .* are within tolerance \(RPS -5\.0%, p95 \+10\.0%\) against 10 baseline runs, and the error rate 0\.00% is under the 1\.00% ceiling\.$/,
  );
});

test('directions are data: faster and lower latency are never regressions', () => {
  const c = compare({
    current: currentOf(simulatedRun(normalSource(8), { ...quiet, speed: 1.4 })),
    baseline: history(9, 10, quiet),
    gate,
  });
  assert.equal(c.verdict, 'pass');
  assert.ok((c.metrics.rps.change ?? 0) > 0.3);
  assert.ok((c.metrics.p95.change ?? 0) < -0.2);
  assert.equal(c.metrics.p95.verdict, 'pass');
  // Only latency worse: p95 up 30% with RPS unchanged.
  const base = Array.from({ length: 6 }, (_, i) =>
    entryOf([fixed({ p95: 40 * (1 + (i % 2 ? 0.01 : -0.01)) })]),
  );
  const slow = compare({
    current: currentOf([fixed({ p95: 52 }), fixed({ p95: 52.2 })]),
    baseline: base,
    gate,
  });
  assert.equal(slow.metrics.p95.verdict, 'regression');
  assert.equal(slow.metrics.rps.verdict, 'pass');
  assert.match(slow.summary, /^Regression: p95 rose 30\.\d%/);
});

test('too noisy to tell: inconclusive, never regression', () => {
  // History spread about 8%, the run 7% slower: could be within 5% or well beyond.
  const base = [1000, 1100, 900, 1050].map((rps) => entryOf([fixed({ rps, p95: 40000 / rps })]));
  const c = compare({
    current: currentOf([fixed({ rps: 930, p95: 43 }), fixed({ rps: 935, p95: 42.8 })]),
    baseline: base,
    gate,
  });
  assert.equal(c.metrics.rps.verdict, 'inconclusive');
  assert.equal(c.verdict, 'inconclusive');
  assert.match(
    c.summary,
    /^Inconclusive: RPS changed -\d\.\d% \(95% interval -\d+\.\d% to \+\d+\.\d%\) against 4 baseline runs, too noisy to tell whether it is within the -5\.0% tolerance; nothing regressed\.$/,
  );
});

// Ten single-round entries whose log-RPS has mean 0 and sample SD s, and a current run
// exactly t = -3 prediction standard errors below: two-sided p = 0.01496 with 9 df. `scale`
// multiplies the spread and the drop alike (same t and p, wider interval further out).
function holmFixture(endpoints: number, scale = 1) {
  const s = (scale * 0.1) / 3 / Math.sqrt(1.1);
  const a = s * Math.sqrt(0.9);
  const entryRounds = Array.from({ length: 10 }, (_, i) => [
    fixed({ rps: 1000 * Math.exp(i % 2 ? a : -a) }),
  ]);
  const names = Array.from({ length: endpoints }, (_, i) => `ep${i}`);
  const baseline = entryRounds.map((r) =>
    entryOf(
      r,
      names.map((name) => ({ name, rounds: r })),
    ),
  );
  const drop = Math.exp(-0.1 * scale);
  const cur = [fixed({ rps: 1000 * drop }), fixed({ rps: 1000 * drop })];
  return compare({
    current: currentOf(
      cur,
      names.map((name) => ({ name, rounds: cur })),
    ),
    baseline,
    gate,
  });
}

test('Holm: the same evidence regresses alone but not among many endpoints', () => {
  const alone = holmFixture(0); // family: RPS and p95 -> 2 · 0.01496 < 0.05
  assert.equal(alone.metrics.rps.verdict, 'regression');
  assert.ok(Math.abs((alone.metrics.rps.change ?? 0) - (Math.exp(-0.1) - 1)) < 1e-12);
  const single = holmFixture(1); // one endpoint mirrors the overall figures, same family size
  assert.equal(single.metrics.rps.verdict, 'regression');
  assert.equal(single.endpoints[0]?.metrics.rps.verdict, 'regression');
  const many = holmFixture(2); // family of 6: 6 · 0.01496 > 0.05
  assert.equal(many.metrics.rps.verdict, 'inconclusive');
  assert.equal(many.endpoints[1]?.metrics.rps.verdict, 'inconclusive');
  assert.equal(many.verdict, 'inconclusive');
});

test('Holm: an interval wholly beyond the tolerance but not significant after correction is said so', () => {
  const c = holmFixture(2, 3); // -25.9%, 95% interval -41% to -7%; 6 · 0.01496 > 0.05
  assert.equal(c.verdict, 'inconclusive');
  assert.match(
    c.summary,
    /^Inconclusive: RPS changed -25\.9% \(95% interval -\d+\.\d% to -7\.\d%\) against 10 baseline runs, beyond the -5\.0% tolerance but not significant once corrected for the number of metrics and endpoints tested; nothing regressed\.$/,
  );
});

test('one endpoint regressing is enough, and the summary names it', () => {
  const normal = normalSource(13);
  const run = (speedB: number) => ({
    a: simulatedRun(normal, quiet),
    b: simulatedRun(normal, { ...quiet, speed: speedB }),
  });
  const baseline = Array.from({ length: 8 }, () => {
    const r = run(1);
    return entryOf(r.a, [
      { name: 'list', rounds: r.a },
      { name: 'detail', rounds: r.b },
    ]);
  });
  const cur = run(0.6);
  const c = compare({
    current: currentOf(cur.a, [
      { name: 'list', rounds: cur.a },
      { name: 'detail', rounds: cur.b },
    ]),
    baseline,
    gate,
  });
  assert.equal(c.metrics.rps.verdict, 'pass');
  assert.equal(c.endpoints.find((e) => e.name === 'detail')?.metrics.rps.verdict, 'regression');
  assert.equal(c.verdict, 'regression');
  assert.match(c.summary, /^Regression: RPS of "detail" fell/);
});

test('p50/p99 are reported with verdicts but do not gate', () => {
  const base = Array.from({ length: 6 }, (_, i) =>
    entryOf([fixed({ p99: 60 * (1 + (i % 2 ? 0.01 : -0.01)) })]),
  );
  const c = compare({
    current: currentOf([fixed({ p99: 90 }), fixed({ p99: 90.5 })]),
    baseline: base,
    gate,
  });
  assert.equal(c.metrics.p99.verdict, 'regression');
  assert.equal(c.verdict, 'pass');
});

test('one baseline run: an assumed runner spread, and the summary says so', () => {
  const normal = normalSource(14);
  const base = [entryOf(simulatedRun(normal, quiet))];
  const big = compare({
    current: currentOf(simulatedRun(normal, { ...quiet, speed: 0.6 })),
    baseline: base,
    gate,
  });
  assert.equal(big.method, 'assumed-spread');
  assert.equal(big.alpha, DEFAULT_ALPHA);
  assert.equal(big.verdict, 'regression');
  assert.match(
    big.summary,
    /against 1 baseline run \(too few to measure runner-to-runner noise, so a spread of 5\.0% between runners is assumed\)/,
  );
  // 6% slower with ~1.6% round noise: rounds alone (Welch) would call it at p < 0.001, but one
  // run cannot show the runner-to-runner spread: with 5% assumed, 6% is not beyond doubt.
  const baseRps = [1000, 1020, 980, 1015, 985];
  const one = [entryOf(baseRps.map((rps) => fixed({ rps })))];
  const curRps = baseRps.map((rps) => rps * 0.94);
  const plain = welchInterval(curRps.map(Math.log), baseRps.map(Math.log));
  assert.ok(plain && plain.p < 0.001);
  const small = compare({
    current: currentOf(curRps.map((rps) => fixed({ rps }))),
    baseline: one,
    gate,
  });
  assert.equal(small.metrics.rps.verdict, 'inconclusive', small.summary);
  // The interval's half-width is at least 1.96 x sqrt(2) x the assumed spread.
  const iv = small.metrics.rps.interval;
  assert.ok(iv, 'an interval');
  const halfWidth = (Math.log(1 + iv[1]) - Math.log(1 + iv[0])) / 2;
  assert.ok(halfWidth >= 1.96 * Math.SQRT2 * ASSUMED_RUNNER_SPREAD, `half-width ${halfWidth}`);
});

test('one baseline run: a collapse with scattered rounds is a regression, never inconclusive', () => {
  // The shape of the CLI's "much slower server" case: 3 short rounds of a few requests each
  // (RPS 3, 11, 6) against a healthy run (about 1,900 RPS): -99.7%.
  const baseline = [entryOf([1900, 1950, 1870].map((rps) => fixed({ rps })))];
  const current = currentOf([3, 11, 6].map((rps) => fixed({ rps, p95: 900 + rps })));
  const c = compare({ current, baseline, gate });
  assert.equal(c.metrics.rps.verdict, 'regression', c.summary);
  assert.equal(c.verdict, 'regression');
  // Seen on a busy machine: the stored run's first short round still warming up (1,000 RPS
  // next to 15,000 and 20,000), the slowed run steady at 75 RPS: still a regression.
  const scattered = [entryOf([1000, 15000, 20000].map((rps) => fixed({ rps })))];
  const steady = currentOf([74, 76, 77].map((rps) => fixed({ rps, p95: 195 })));
  const d = compare({ current: steady, baseline: scattered, gate });
  assert.equal(d.metrics.rps.verdict, 'regression', d.summary);
});

test('another kind of runner widens the assumed spread', () => {
  const baseRps = [1000, 1010, 990];
  const one = [entryOf(baseRps.map((rps) => fixed({ rps })))];
  const current = currentOf(baseRps.map((rps) => fixed({ rps: rps * 0.75 })));
  assert.equal(compare({ current, baseline: one, gate }).metrics.rps.verdict, 'regression');
  const other = compare({ current, baseline: one, gate, sameRunner: false });
  assert.equal(other.metrics.rps.verdict, 'inconclusive', other.summary);
  assert.match(other.summary, /a spread of 25\.0% between runners is assumed/);
});

test('bursty errors under the ceiling are inconclusive, steady low errors pass', () => {
  const base = history(15, 6, quiet);
  const bursty = simulatedRun(normalSource(16), quiet).map((r, i) => ({
    ...r,
    errorRate: i === 4 ? 0.04 : 0,
  }));
  const c = compare({ current: currentOf(bursty), baseline: base, gate });
  assert.equal(c.metrics.errorRate.verdict, 'inconclusive');
  assert.equal(c.verdict, 'inconclusive');
  assert.match(
    c.summary,
    /^Inconclusive: the error rate is 0\.80%, under the 1\.00% ceiling, but varies between rounds/,
  );
  const steady = simulatedRun(normalSource(16), quiet).map((r) => ({ ...r, errorRate: 0.001 }));
  assert.equal(
    compare({ current: currentOf(steady), baseline: base, gate }).metrics.errorRate.verdict,
    'pass',
  );
});

test('an endpoint the baseline does not know has no baseline and does not decide', () => {
  const normal = normalSource(17);
  const baseline = Array.from({ length: 5 }, () => {
    const r = simulatedRun(normal, quiet);
    return entryOf(r, [{ name: 'old', rounds: r }]);
  });
  const r = simulatedRun(normal, quiet);
  const c = compare({
    current: currentOf(r, [
      { name: 'old', rounds: r },
      { name: 'new', rounds: r },
    ]),
    baseline,
    gate,
  });
  const fresh = c.endpoints.find((e) => e.name === 'new');
  assert.equal(fresh?.metrics.rps.verdict, 'no-baseline');
  assert.equal(fresh?.metrics.rps.baseline, null);
  assert.notEqual(c.verdict, 'no-baseline');
});

test('noise report: spread between rounds and the smallest detectable RPS change', () => {
  const rounds = [1000, 1020, 980, 1010, 990].map((rps) => fixed({ rps }));
  const none = compare({ current: currentOf(rounds), baseline: null, gate });
  assert.ok(Math.abs((none.noise.rpsCv ?? 0) - 0.01581) < 1e-4, `cv ${none.noise.rpsCv}`);
  assert.equal(none.noise.p95Cv, 0);
  const mde = none.noise.minDetectableRpsChange ?? 0;
  assert.ok(mde > 0.01 && mde < 0.1, `mde ${mde}`);
  const noisier = compare({
    current: currentOf([1000, 1200, 800, 1100, 900].map((rps) => fixed({ rps }))),
    baseline: null,
    gate,
  });
  assert.ok((noisier.noise.minDetectableRpsChange ?? 0) > mde);
  const single = compare({ current: currentOf([fixed()]), baseline: null, gate });
  assert.deepEqual(single.noise, { rpsCv: null, p95Cv: null, minDetectableRpsChange: null });
  // With a history, the runner-level spread of the history dominates.
  const withHistory = compare({
    current: currentOf(rounds),
    baseline: history(18, 10, { runnerSd: 0.05, roundSd: 0.01, rounds: 5 }),
    gate,
  });
  assert.ok((withHistory.noise.minDetectableRpsChange ?? 0) > mde);
});

test('a round in which a rare endpoint got no requests is no sample, not a collapse', () => {
  const empty = fixed({ rps: 0, p50: 0, p95: 0, p99: 0 });
  const rare = (i: number) => fixed({ rps: 10 * (1 + 0.01 * (i % 3)), p95: 40 + (i % 2) });
  const baseline = Array.from({ length: 6 }, (_, e) => {
    const rounds = [0, 1, 2, 3].map((i) => fixed({ rps: 1000 + i + e }));
    // Every other entry has one round in which "rare" was never picked.
    const rareRounds = [0, 1, 2, 3].map((i) => (e % 2 === 0 && i === 2 ? empty : rare(i + e)));
    return entryOf(rounds, [
      { name: 'common', rounds },
      { name: 'rare', rounds: rareRounds },
    ]);
  });
  const rounds = [0, 1, 2, 3].map((i) => fixed({ rps: 1001 + i }));
  const rareNow = [rare(0), empty, rare(2), rare(1)];
  const c = compare({
    current: currentOf(rounds, [
      { name: 'common', rounds },
      { name: 'rare', rounds: rareNow },
    ]),
    baseline,
    gate,
  });
  const rareMetrics = c.endpoints.find((e) => e.name === 'rare')?.metrics;
  for (const m of ['rps', 'p95'] as const) {
    assert.notEqual(rareMetrics?.[m].verdict, 'regression', m);
    const change = rareMetrics?.[m].change ?? NaN;
    assert.ok(Math.abs(change) < 0.05, `${m} change ${change} stays small`);
  }
  assert.notEqual(c.verdict, 'regression');
});

test('stored runs without rounds are no baseline, never a pass', () => {
  const c = compare({
    current: currentOf([fixed(), fixed()]),
    baseline: [entryOf([]), entryOf([])],
    gate,
  });
  assert.equal(c.verdict, 'no-baseline');
  assert.equal(c.baselineRuns, 0);
  assert.equal(c.metrics.rps.baseline, null);
});
