import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recommend, type RecommendOptions } from '../../../src/sweep/recommend.js';
import { curve, point } from './fixtures.js';

const twoCores: RecommendOptions = {
  p95Tolerance: 0.1,
  errorCeiling: 0.01,
  serverCpus: 2,
  hostCpus: 2,
  pinned: false,
};

test('CPU-bound: a curve flat after the core count recommends the core count', () => {
  const points = curve([
    [1, 2000, 20],
    [2, 3900, 11],
    [3, 4000, 11.5],
    [4, 3950, 12],
    [5, 3800, 13],
  ]);
  const r = recommend(points, twoCores);
  assert.equal(r.workers, 2);
  assert.equal(r.shape, 'cpu-bound');
  assert.match(r.reason, /CPU-bound: RPS flat after 2 workers on 2 cores/);
  // gunicorn's rule is compared with the choice.
  assert.match(r.reason, /2 x cores \+ 1 \(5\) gave 3,800 req\/s/);
});

test('I/O-bound: RPS rising past the core count recommends more workers than cores', () => {
  const points = curve([
    [1, 500, 60],
    [2, 1000, 31],
    [3, 1450, 22],
    [4, 1900, 17],
    [5, 1950, 16.5],
  ]);
  const r = recommend(points, twoCores);
  assert.equal(r.workers, 4);
  assert.equal(r.shape, 'io-bound');
  assert.match(r.reason, /I\/O-bound: RPS still rising past the core count \(2\)/);
});

test('still rising at the largest count: says to sweep more', () => {
  const r = recommend(
    curve([
      [1, 500, 60],
      [2, 1000, 31],
      [3, 1500, 21],
    ]),
    twoCores,
  );
  assert.equal(r.workers, 3);
  assert.equal(r.shape, 'still-rising');
  assert.match(r.reason, /sweep more workers/);
});

test('errors at high counts: those counts are left out and named', () => {
  const points = [
    point(1, 2000, 20),
    point(2, 3000, 14),
    point(3, 3600, 12, { errorRate: 0.03 }),
    point(4, 3700, 12, { errorRate: 0.08 }),
  ];
  const r = recommend(points, twoCores);
  assert.equal(r.workers, 2);
  assert.match(r.reason, /errors above 1\.00%: 2 counts \(3: 3\.00%, 4: 8\.00%\)/);
});

test('p95 tolerance: a smaller count within 5% of the best RPS but with a worse p95 is passed over', () => {
  const points = curve([
    [1, 2000, 30],
    [2, 3900, 25], // within 5% of the best RPS, but p95 25 > 20 x 1.1
    [3, 4000, 20],
  ]);
  const r = recommend(points, twoCores);
  assert.equal(r.workers, 3);
  assert.match(r.reason, /2 workers reach 3,900 req\/s too, but p95 25\.0 ms is more than 10%/);
  // With a looser tolerance the smaller count qualifies.
  assert.equal(recommend(points, { ...twoCores, p95Tolerance: 0.3 }).workers, 2);
});

test('the band: a count 6% below the best RPS does not qualify, 4% does', () => {
  assert.equal(
    recommend(
      curve([
        [1, 940, 10],
        [2, 1000, 10],
      ]),
      twoCores,
    ).workers,
    2,
  );
  assert.equal(
    recommend(
      curve([
        [1, 960, 10],
        [2, 1000, 10],
      ]),
      twoCores,
    ).workers,
    1,
  );
});

test('every count with errors or failed: no recommendation, and why', () => {
  const r = recommend(
    [point(1, 100, 10, { errorRate: 0.5 }), point(2, 0, 0, { failure: 'not ready after 60 s' })],
    twoCores,
  );
  assert.equal(r.workers, null);
  assert.equal(r.shape, 'none');
  assert.match(r.reason, /Every measured count had errors/);
  assert.match(r.reason, /2 workers failed: not ready after 60 s/);
});

test('declining after the peak: says more workers made it slower', () => {
  const r = recommend(
    curve([
      [1, 2000, 16],
      [2, 3000, 11],
      [3, 2500, 13],
      [4, 2000, 16],
    ]),
    twoCores,
  );
  assert.equal(r.workers, 2);
  assert.match(r.reason, /More workers made it slower: 4 give 2,000 req\/s \(-33% from the best\)/);
});

test('generator-bound best count: said early, as the main caveat', () => {
  const points = [
    point(1, 2000, 10),
    point(2, 3000, 8, {
      generatorBound: true,
      generatorNote: 'the generator used 95% of one core',
    }),
  ];
  const r = recommend(points, twoCores);
  assert.match(
    r.reason,
    /load generator was the limit at 2 workers \(the generator used 95% of one core\)/,
  );
  assert.ok(r.reason.indexOf('generator was the limit') < r.reason.indexOf('sweep more workers'));
});

test('shared CPUs vs pinned: the reason says where the generator ran', () => {
  const points = curve([
    [1, 1000, 10],
    [2, 1010, 10],
  ]);
  assert.match(
    recommend(points, twoCores).reason,
    /load generator shares the CPUs with the server/,
  );
  const pinned = recommend(points, { ...twoCores, serverCpus: 1, pinned: true });
  assert.match(pinned.reason, /pinned to 1 CPU of 2; the load generator .* ran on the others/);
  assert.match(pinned.reason, /CPU-bound: RPS flat after 1 worker on 1 core/);
});

test('uneven boots and swinging rounds are explained', () => {
  const points = [
    point(1, 1000, 10),
    point(2, 1900, 6, { attempts: 2 }),
    point(3, 1000, 10, { uneven: true, attempts: 3, cpuPerWorker: [0.9, 0, 0] }),
    point(4, 1950, 6, { roundRps: [1500, 2400] }),
  ];
  const r = recommend(points, twoCores);
  assert.match(r.reason, /At 2 workers a boot left workers idle/);
  assert.match(r.reason, /At 3 workers some workers stayed idle in every boot \(3: 90% 0% 0%/);
  assert.match(r.reason, /RPS swung between rounds \(4: 1,500-2,400 req\/s\)/);
});

test('other processes using the CPUs are mentioned', () => {
  const busy = [point(1, 1000, 10, { systemCpu: 1, serverCpu: 0.9, generatorCpu: 0.1 })];
  assert.match(
    recommend(busy, twoCores).reason,
    /Other processes on this machine used about 1\.0 of a CPU/,
  );
  const quiet = [point(1, 1000, 10, { systemCpu: 0.6, serverCpu: 0.9, generatorCpu: 0.3 })];
  assert.doesNotMatch(recommend(quiet, twoCores).reason, /Other processes/);
});
