/**
 * Whether base and head spread their load over their workers alike (pure). Workers that share
 * one listening socket get connections from the kernel, unevenly and differently from boot to
 * boot (gunicorn -w 2 measured 2,600 or 4,700 req/s on the same code, FIELD-NOTES 1 and 3):
 * when one side booted into "one worker takes everything" and the other did not, the paired
 * blocks measure the two boots' balancing, not the code. The per-worker CPU samples show it.
 */
import type { Sample } from '../../supervisor/types.js';
import type { Side } from './types.js';

/** The busiest worker's share of all workers' CPU while load ran; null with fewer than 2 workers. */
export function busiestWorkerShare(samples: readonly Sample[]): number | null {
  const cpu = new Map<number, number>();
  for (const s of samples) {
    for (const p of s.processes) {
      if (p.worker === null || p.worker === undefined) continue;
      cpu.set(p.worker, (cpu.get(p.worker) ?? 0) + p.cpu);
    }
  }
  if (cpu.size < 2) return null;
  const total = [...cpu.values()].reduce((a, b) => a + b, 0);
  return total > 0 ? Math.max(...cpu.values()) / total : null;
}

/** One side counts as lopsided when its busiest worker did this share of the work or more. */
export const LOPSIDED_SHARE = 0.8;
/** ... and the other side as balanced when its busiest worker did at most this share. */
export const BALANCED_SHARE = 0.65;

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A warning when one side's workers shared the load very differently from the other's. */
export function balanceWarning(samples: Record<Side, readonly Sample[]>): string | null {
  const base = busiestWorkerShare(samples.base);
  const head = busiestWorkerShare(samples.head);
  if (base === null || head === null) return null;
  const lopsided = Math.max(base, head);
  const balanced = Math.min(base, head);
  if (lopsided < LOPSIDED_SHARE || balanced > BALANCED_SHARE) return null;
  return (
    `the two sides' workers shared the load differently (base's busiest worker did ${pct(base)} ` +
    `of the work, head's ${pct(head)}): workers on one shared socket get connections from the ` +
    `kernel unevenly, differently at every boot, so part of the difference may be the boots' ` +
    `balancing rather than the code; re-run, or give each worker its own port (workers: N)`
  );
}
