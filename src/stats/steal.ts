/**
 * Steal time: the share of this machine's CPU time that the hypervisor gave to other guests on
 * the same host. On a shared virtual machine it comes and goes with the neighbours, and the
 * server's throughput with it (on a 2-vCPU VM whose host took 7-8%, a turn's log RPS correlated
 * -0.83 with the steal on its server's vCPU: docs/benchmarks.md, "A second machine"). loadgate
 * cannot remove it, but the report can say it was there when the noise is high. Pure.
 */
import { mean } from './describe.js';
import { percent } from '../util/format.js';

/** From this share on, the report shows the figure; below it the host was quiet. */
export const STEAL_SHOWN = 0.01;
/** From this share on, the report warns. */
export const STEAL_WARNING = 0.05;

/** Mean steal share over the samples taken while the load ran; null without samples. */
export function meanSteal(samples: readonly { system: { steal: number } }[]): number | null {
  return samples.length === 0 ? null : mean(samples.map((s) => s.system.steal));
}

export function stealWarning(steal: number | null): string | null {
  if (steal === null || steal < STEAL_WARNING) return null;
  return (
    `the host gave ${percent(steal)} of this machine's CPU time to other virtual machines during the load (steal time): ` +
    `their load comes and goes and takes the server's CPU with it, so rounds are noisier and verdicts take longer here than on a dedicated runner`
  );
}
