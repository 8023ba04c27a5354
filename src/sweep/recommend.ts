/**
 * The worker count to recommend, and why (pure): the smallest count within 5% of the best RPS
 * whose p95 is within the gate's p95 tolerance of the best p95, among counts without errors
 * above the gate's ceiling. The reason says what the curve shows and what limited it.
 */
import { count, formatMs, formatRate, formatRatioChange, formatRps } from '../util/format.js';
import type { Recommendation, SweepPoint } from './types.js';
import { describeCurve, generatorNotes, spreadNotes } from './reasons.js';

/** Counts within this fraction of the best RPS are as good as the best. */
export const RPS_BAND = 0.05;

export interface RecommendOptions {
  /** p95 tolerance relative to the best p95 (gate.p95: 0.10 = 10%). */
  p95Tolerance: number;
  /** Error-rate ceiling (gate.errors: 0.01 = 1%). */
  errorCeiling: number;
  /** CPUs the server ran on (the pinned ones, or all). */
  serverCpus: number;
  /** CPUs of the machine: the load generator runs here too. */
  hostCpus: number;
  /** The server was pinned to a subset of the machine's CPUs. */
  pinned: boolean;
  rpsBand?: number;
}

function byWorkers(a: SweepPoint, b: SweepPoint): number {
  return a.workers - b.workers;
}

function exclusionNotes(failed: SweepPoint[], erroring: SweepPoint[], ceiling: number): string[] {
  const notes: string[] = [];
  if (erroring.length > 0) {
    const list = erroring.map((p) => `${p.workers}: ${formatRate(p.errorRate)}`).join(', ');
    notes.push(
      `Left out for errors above ${formatRate(ceiling)}: ${count(erroring.length, 'count')} (${list}).`,
    );
  }
  for (const p of failed) notes.push(`${count(p.workers, 'worker')} failed: ${p.failure ?? ''}.`);
  return notes;
}

export function recommend(points: readonly SweepPoint[], opts: RecommendOptions): Recommendation {
  const band = opts.rpsBand ?? RPS_BAND;
  const sorted = [...points].sort(byWorkers);
  const failed = sorted.filter((p) => p.failure !== null);
  const measured = sorted.filter((p) => p.failure === null);
  const erroring = measured.filter((p) => p.errorRate > opts.errorCeiling);
  const ok = measured.filter((p) => p.errorRate <= opts.errorCeiling);
  const excluded = exclusionNotes(failed, erroring, opts.errorCeiling);
  if (ok.length === 0) {
    const why =
      measured.length === 0
        ? 'No worker count could be measured.'
        : `Every measured count had errors above ${formatRate(opts.errorCeiling)}: fix the errors first (the server log says why).`;
    return { workers: null, shape: 'none', reason: [why, ...excluded].join(' ') };
  }

  const best = ok.reduce((a, b) => (b.rps > a.rps ? b : a));
  const bestP95 = ok.reduce((a, b) => (b.p95 < a.p95 ? b : a));
  const floor = best.rps * (1 - band);
  const p95Limit = bestP95.p95 * (1 + opts.p95Tolerance);
  const within = ok.filter((p) => p.rps >= floor);
  const fit = within.filter((p) => p.p95 <= p95Limit);
  const notes: string[] = [];
  let chosen: SweepPoint;
  const tol = `${Math.round(opts.p95Tolerance * 100)}%`;
  const pct = `${Math.round(band * 100)}%`;
  if (fit[0] !== undefined) {
    chosen = fit[0];
  } else {
    chosen = within.reduce((a, b) => (b.p95 < a.p95 ? b : a));
    notes.push(
      `No count within ${pct} of the best RPS kept p95 within ${tol} of the best p95 ` +
        `(${formatMs(bestP95.p95)} at ${bestP95.workers}): chose the lowest p95 among them.`,
    );
  }
  const rejected = within.filter((p) => p.workers < chosen.workers && p.p95 > p95Limit);
  const first = rejected[0];
  if (first) {
    notes.push(
      `${count(first.workers, 'worker')} reach ${formatRps(first.rps)} req/s too, but p95 ` +
        `${formatMs(first.p95)} is more than ${tol} above the best p95 (${formatMs(bestP95.p95)}).`,
    );
  }

  const choice =
    `${count(chosen.workers, 'worker')}: ${formatRps(chosen.rps)} req/s, p95 ${formatMs(chosen.p95)}; ` +
    (chosen === best
      ? 'the best RPS of the sweep'
      : `the smallest count within ${pct} of the best RPS (${formatRps(best.rps)} req/s at ${best.workers})`) +
    (fit.length > 0 ? ` with p95 within ${tol} of the best.` : '.');
  const curve = describeCurve(ok, chosen, best, opts.serverCpus, band);
  const rule = 2 * opts.serverCpus + 1;
  const atRule = ok.find((p) => p.workers === rule);
  if (atRule && atRule.workers !== chosen.workers) {
    notes.push(
      `gunicorn's 2 x cores + 1 (${rule}) gave ${formatRps(atRule.rps)} req/s ` +
        `(${formatRatioChange(atRule.rps, chosen.rps)}), p95 ${formatMs(atRule.p95)}` +
        (atRule.memoryBytes > 0 && chosen.memoryBytes > 0
          ? `, memory ${formatMiB(atRule.memoryBytes)} against ${formatMiB(chosen.memoryBytes)}.`
          : '.'),
    );
  }
  const serverUse =
    chosen.serverCpu > 0
      ? `At ${count(chosen.workers, 'worker')} the server used ${chosen.serverCpu.toFixed(1)} of ` +
        `${count(opts.serverCpus, 'core')}.`
      : null;
  const generator = generatorNotes(ok, chosen, best, opts);
  const limitedByGenerator = chosen.generatorBound || best.generatorBound;
  return {
    workers: chosen.workers,
    shape: curve.shape,
    reason: [
      choice,
      // When the generator limited the best counts, that matters more than the curve's shape.
      ...(limitedByGenerator ? generator : []),
      curve.text,
      ...(serverUse ? [serverUse] : []),
      ...notes,
      ...spreadNotes(ok),
      ...(limitedByGenerator ? [] : generator),
      ...excluded,
    ].join(' '),
  };
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}
