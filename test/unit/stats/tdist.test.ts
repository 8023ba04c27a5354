// Reference values from R (qt, pt, pbeta); identical to 14+ digits in scipy 1.17.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fUpperP,
  incompleteBeta,
  logGamma,
  tCdf,
  tQuantile,
  tTwoSidedP,
} from '../../../src/stats/tdist.js';

function close(actual: number, expected: number, tol: number, what: string) {
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what}: got ${actual}, expected ${expected} ± ${tol}`,
  );
}

test('qt matches R', () => {
  const table: [p: number, df: number, qt: number][] = [
    [0.975, 1, 12.7062047361747],
    [0.975, 2, 4.30265272974946],
    [0.975, 3, 3.18244630528371],
    [0.975, 4, 2.77644510519779],
    [0.975, 5, 2.57058183563631],
    [0.975, 10, 2.22813885198627],
    [0.975, 30, 2.04227245630124],
    [0.975, 100, 1.98397151852355],
    [0.995, 4, 4.60409487134999],
    [0.9, 5, 1.47588404882448],
    [0.95, 20, 1.72471824292079],
    [0.999, 3, 10.2145318524074],
    [0.6, 7, 0.263166861352023],
    [0.975, 17.776, 2.10282131038022], // fractional df, as Welch produces
  ];
  for (const [p, df, q] of table) {
    close(tQuantile(p, df), q, 1e-9 * Math.max(1, q), `qt(${p}, ${df})`);
    close(tQuantile(1 - p, df), -q, 1e-9 * Math.max(1, q), `qt(${1 - p}, ${df})`);
  }
  assert.equal(tQuantile(0.5, 9), 0);
  assert.equal(tQuantile(1, 3), Infinity);
});

test('pt matches R', () => {
  const table: [t: number, df: number, pt: number][] = [
    [2, 5, 0.949030260585071],
    [-1.5, 10, 0.0822536632227201],
    [0.1, 3, 0.536673825599597],
    [30, 4, 0.999996323571951],
    [-8, 2.5, 0.00382832206552172],
    [1e-8, 5, 0.500000003796067],
  ];
  for (const [t, df, p] of table) close(tCdf(t, df), p, 1e-12, `pt(${t}, ${df})`);
  // Tails keep relative precision.
  close(tCdf(-30, 4) / 3.676428049e-6, 1, 1e-6, 'pt(-30, 4) relative');
});

test('quantile and CDF are inverse', () => {
  for (const df of [1.5, 3, 8, 27.3]) {
    for (const p of [0.001, 0.05, 0.3, 0.77, 0.999])
      close(tCdf(tQuantile(p, df), df), p, 1e-12, `df ${df} p ${p}`);
  }
});

test('two-sided p-value', () => {
  close(tTwoSidedP(-4.062127683382037, 9), 0.002832890197384273, 1e-12, 'paired sleep t');
  assert.equal(tTwoSidedP(0, 4), 1);
});

test('incomplete beta against exact binomial sums (R pbeta)', () => {
  close(incompleteBeta(0.5, 2, 3), 11 / 16, 1e-14, 'pbeta(0.5, 2, 3)');
  close(incompleteBeta(0.3, 5, 2), 0.010935, 1e-14, 'pbeta(0.3, 5, 2)');
  close(incompleteBeta(0.9, 0.5, 0.5), 0.795167235300867, 1e-12, 'pbeta(0.9, .5, .5)'); // 2/pi asin(sqrt x)
  assert.equal(incompleteBeta(0, 2, 3), 0);
  assert.equal(incompleteBeta(1, 2, 3), 1);
});

test('F upper tail against closed forms (R pf(f, d1, d2, lower = FALSE))', () => {
  // d1 = 2: (1 + 2f / d2)^(-d2 / 2); d1 = 1: F is T² with d2 degrees of freedom.
  close(fUpperP(3, 2, 10), 1.6 ** -5, 1e-12, 'pf(3, 2, 10)');
  close(fUpperP(0.5, 2, 4), 1.25 ** -2, 1e-12, 'pf(0.5, 2, 4)');
  close(fUpperP(4, 1, 6), tTwoSidedP(2, 6), 1e-12, 'pf(4, 1, 6)');
  assert.equal(fUpperP(0, 1, 6), 1);
  assert.equal(fUpperP(Infinity, 1, 6), 0);
  assert.throws(() => fUpperP(1, 0, 6), /positive degrees of freedom, got 0, 6/);
});

test('logGamma', () => {
  close(logGamma(5), Math.log(24), 1e-13, 'lgamma(5)');
  close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13, 'lgamma(0.5)');
  close(logGamma(0.1), 2.25271265173421, 1e-12, 'lgamma(0.1)');
});

test('bad arguments are rejected with the value named', () => {
  assert.throws(() => tQuantile(1.2, 3), /got 1.2/);
  assert.throws(() => tCdf(1, 0), /df must be/);
  assert.throws(() => tCdf(1, Infinity), /df must be/);
});
