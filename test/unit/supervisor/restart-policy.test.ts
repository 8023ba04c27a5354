import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy } from '../../../src/supervisor/restart-policy.js';

describe('restart policy', () => {
  it('doubles the backoff from 100 ms up to 5 s for deaths in a row', () => {
    const policy = new RestartPolicy();
    const delays: number[] = [];
    let t = 0;
    for (let i = 0; i < 9; i++) {
      // Each life lasts 3 s: not quick (no crash loop), not long enough to count as healthy.
      const d = policy.onDeath(t, t + 3_000);
      assert.ok(d.restart);
      delays.push(d.delayMs);
      t += 3_000 + d.delayMs;
    }
    assert.deepEqual(delays, [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });

  it('starts over after a worker stayed up long enough', () => {
    const policy = new RestartPolicy();
    policy.onDeath(0, 3_000);
    policy.onDeath(3_200, 6_200);
    const d = policy.onDeath(7_000, 60_000);
    assert.deepEqual(d, { restart: true, delayMs: 100 });
  });

  it('gives up after more than 3 deaths in a row within 2 s of their start', () => {
    const policy = new RestartPolicy();
    for (let i = 0; i < 3; i++)
      assert.equal(policy.onDeath(i * 1000, i * 1000 + 500).restart, true);
    const d = policy.onDeath(5_000, 5_100);
    assert.equal(d.restart, false);
    assert.match(
      !d.restart ? d.reason : '',
      /crash loop: 4 deaths in a row, each within 2 s of its start/,
    );
  });

  it('a slow death in between breaks the run of quick ones', () => {
    const policy = new RestartPolicy();
    for (let i = 0; i < 3; i++) policy.onDeath(0, 100);
    assert.equal(policy.onDeath(0, 5_000).restart, true);
    for (let i = 0; i < 3; i++) assert.equal(policy.onDeath(0, 100).restart, true);
  });
});
