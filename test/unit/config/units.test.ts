import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../../src/errors.js';
import {
  formatDuration,
  parseDuration,
  parsePercent,
  percentResult,
} from '../../../src/config/units.js';

test('parseDuration: units, compounds and bare seconds', () => {
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('10s'), 10_000);
  assert.equal(parseDuration('2m'), 120_000);
  assert.equal(parseDuration('1h'), 3_600_000);
  assert.equal(parseDuration('1m30s'), 90_000);
  assert.equal(parseDuration('1.5s'), 1500);
  assert.equal(parseDuration(' 10 s '), 10_000);
  assert.equal(parseDuration(3), 3000);
  assert.equal(parseDuration('0.25'), 250);
  assert.equal(parseDuration(0), 0);
});

test('parseDuration refuses anything else with a ConfigError', () => {
  for (const bad of ['', 'soon', '10x', '-1s', '1s30', 's', '10 seconds']) {
    assert.throws(
      () => parseDuration(bad),
      (e: unknown) => e instanceof ConfigError && /expected a duration/.test(e.message),
      bad,
    );
  }
  assert.throws(() => parseDuration(-1), ConfigError);
  assert.throws(() => parseDuration(Number.NaN), ConfigError);
});

test('parsePercent: signed percentages and fractions', () => {
  assert.equal(parsePercent('-5%'), -0.05);
  assert.equal(parsePercent('+10%'), 0.1);
  assert.equal(parsePercent('1%'), 0.01);
  assert.equal(parsePercent('0.5%'), 0.005);
  assert.equal(parsePercent('150%'), 1.5);
  assert.equal(parsePercent(0.05), 0.05);
  assert.equal(parsePercent(-0.05), -0.05);
  assert.equal(parsePercent('-0.1'), -0.1);
  assert.deepEqual(percentResult('+10%'), { ok: true, value: { value: 0.1, sign: '+' } });
  assert.deepEqual(percentResult('10%'), { ok: true, value: { value: 0.1, sign: null } });
  assert.deepEqual(percentResult(-0.02), { ok: true, value: { value: -0.02, sign: '-' } });
});

test('parsePercent refuses nonsense, and bare numbers above 1 with a hint', () => {
  assert.throws(() => parsePercent('lots'), /expected a percentage/);
  assert.throws(() => parsePercent('5%%'), /expected a percentage/);
  assert.throws(() => parsePercent(5), /did you mean 5%\?/);
  assert.throws(() => parsePercent('-20'), /did you mean 20%\?/);
});

test('formatDuration', () => {
  assert.equal(formatDuration(500), '500ms');
  assert.equal(formatDuration(1500), '1.5s');
  assert.equal(formatDuration(10_000), '10s');
  assert.equal(formatDuration(120_000), '2m');
});
