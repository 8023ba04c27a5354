import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balanceWarning, busiestWorkerShare } from '../../../src/pipeline/ab/balance.js';
import type { Sample } from '../../../src/supervisor/types.js';

/** Samples of a master (worker null) and workers with these CPU shares, `n` times. */
function samples(workerCpu: number[], n = 3): Sample[] {
  return Array.from({ length: n }, (_, i) => ({
    at: i * 1000,
    system: { cpu: 0.5, steal: 0 },
    processes: [
      { pid: 1, cpu: 0.01, rssBytes: 1, pssBytes: null, worker: null, name: 'gunicorn' },
      ...workerCpu.map((cpu, w) => ({
        pid: 10 + w,
        cpu,
        rssBytes: 1,
        pssBytes: null,
        worker: w,
        name: 'gunicorn',
      })),
    ],
  }));
}

test('busiest worker share: from the workers only, null with one worker or no CPU', () => {
  assert.equal(busiestWorkerShare(samples([0.9, 0.1])), 0.9);
  assert.equal(busiestWorkerShare(samples([0.5, 0.5])), 0.5);
  assert.equal(busiestWorkerShare(samples([0.9])), null);
  assert.equal(busiestWorkerShare(samples([0, 0])), null);
  assert.equal(busiestWorkerShare([]), null);
});

test('one side lopsided, the other balanced: a warning naming both shares', () => {
  const w = balanceWarning({ base: samples([0.97, 0.03]), head: samples([0.52, 0.48]) });
  assert.match(w ?? '', /base's busiest worker did 97% of the work, head's 52%/);
  assert.match(w ?? '', /workers: N/);
});

test('both balanced, both lopsided, or a single worker: no warning', () => {
  assert.equal(balanceWarning({ base: samples([0.5, 0.5]), head: samples([0.55, 0.45]) }), null);
  assert.equal(balanceWarning({ base: samples([0.95, 0.05]), head: samples([0.9, 0.1]) }), null);
  assert.equal(balanceWarning({ base: samples([0.9]), head: samples([0.5]) }), null);
});
