/**
 * Sentences for the recommendation (pure): the shape of the RPS curve against the core count,
 * uneven or swinging figures, and when the load generator rather than the API was the limit.
 */
import { count, formatCpu, formatRatioChange, formatRps } from '../util/format.js';
import type { CurveShape, SweepPoint } from './types.js';

/**
 * CPU-bound: the chosen count is at or below the cores and more workers add nothing.
 * I/O-bound: it is above the cores (workers wait, so more of them help).
 * Still rising: the best is the largest count tried.
 */
export function describeCurve(
  ok: readonly SweepPoint[],
  chosen: SweepPoint,
  best: SweepPoint,
  cores: number,
  band: number,
): { shape: CurveShape; text: string } {
  const larger = ok.filter((p) => p.workers > chosen.workers);
  const smaller = ok.filter((p) => p.workers < chosen.workers);
  const onCores = `on ${count(cores, 'core')}`;
  let shape: CurveShape;
  let text: string;
  if (larger.length === 0) {
    const prev = smaller.at(-1);
    shape = 'still-rising';
    text = prev
      ? `RPS still rising at the largest count tried (${prev.workers}: ${formatRps(prev.rps)}, ` +
        `${chosen.workers}: ${formatRps(chosen.rps)} req/s, ${formatRatioChange(chosen.rps, prev.rps)})` +
        (chosen.workers > cores ? `, past the core count (${cores}): I/O-bound so far` : '') +
        ': sweep more workers to find where it levels off.'
      : `Only ${count(chosen.workers, 'worker')} measured: sweep more counts to see the curve.`;
  } else if (chosen.workers <= cores) {
    shape = 'cpu-bound';
    const top = larger.reduce((a, b) => (b.rps > a.rps ? b : a));
    text =
      `CPU-bound: RPS flat after ${count(chosen.workers, 'worker')} ${onCores} ` +
      `(${formatRps(chosen.rps)} req/s at ${chosen.workers}; at most ${formatRps(top.rps)} at ` +
      `${top.workers}, ${formatRatioChange(top.rps, chosen.rps)}).`;
  } else {
    shape = 'io-bound';
    const atCores = ok.filter((p) => p.workers <= cores).at(-1);
    text =
      `I/O-bound: RPS still rising past the core count (${cores}): ` +
      `${count(chosen.workers, 'worker')} give ${formatRps(chosen.rps)} req/s` +
      (atCores
        ? `, ${atCores.workers} give ${formatRps(atCores.rps)} (${formatRatioChange(chosen.rps, atCores.rps)} with more workers).`
        : '.');
  }
  const after = ok.filter((p) => p.workers > best.workers);
  const worst = after.length > 0 ? after.reduce((a, b) => (b.rps < a.rps ? b : a)) : null;
  if (worst && worst.rps < best.rps * (1 - 2 * band)) {
    text +=
      ` More workers made it slower: ${worst.workers} give ${formatRps(worst.rps)} req/s ` +
      `(${formatRatioChange(worst.rps, best.rps)} from the best): they compete for ${count(cores, 'core')} and memory.`;
  }
  return { shape, text };
}

/** Workers left idle (uneven boots), or rounds far apart: figures that can swing between runs. */
export function spreadNotes(ok: readonly SweepPoint[]): string[] {
  const notes: string[] = [];
  const rebooted = ok.filter((p) => p.attempts > 1 && !p.uneven);
  if (rebooted.length > 0) {
    notes.push(
      `At ${rebooted.map((p) => p.workers).join(', ')} workers a boot left workers idle with CPU ` +
        'to spare (one worker accepted most keep-alive connections, which stay with it): loadgate ' +
        'booted again and kept the boot where the workers shared the load, as they do with traffic ' +
        'that arrives over time.',
    );
  }
  const uneven = ok.filter((p) => p.uneven);
  if (uneven.length > 0) {
    notes.push(
      `At ${uneven.map((p) => p.workers).join(', ')} workers some workers stayed idle in every ` +
        `boot (${uneven.map((p) => `${p.workers}: ${p.cpuPerWorker.map((c) => `${Math.round(c * 100)}%`).join(' ')}`).join('; ')} ` +
        'CPU per worker): those figures are a floor, not what the count can do.',
    );
  }
  const swinging = ok.filter((p) => {
    const lo = Math.min(...p.roundRps);
    const hi = Math.max(...p.roundRps);
    return p.roundRps.length >= 2 && lo > 0 && hi / lo > 1.3;
  });
  if (swinging.length > 0) {
    const list = swinging
      .map(
        (p) =>
          `${p.workers}: ${formatRps(Math.min(...p.roundRps))}-${formatRps(Math.max(...p.roundRps))}`,
      )
      .join(', ');
    notes.push(
      `RPS swung between rounds (${list} req/s): repeat the sweep before trusting small differences.`,
    );
  }
  return notes;
}

/** Whether the generator limited the curve, and that it shares the CPUs unless the server is pinned. */
export function generatorNotes(
  ok: readonly SweepPoint[],
  chosen: SweepPoint,
  best: SweepPoint,
  opts: { serverCpus: number; hostCpus: number; pinned: boolean },
): string[] {
  const notes: string[] = [];
  const bound = ok.filter((p) => p.generatorBound);
  if (bound.length > 0) {
    const key = bound.find((p) => p === chosen || p === best);
    const counts = bound.map((p) => p.workers);
    notes.push(
      `The load generator was the limit at ${counts.join(', ')} worker${counts.length === 1 && counts[0] === 1 ? '' : 's'}` +
        `${key ? ` (${key.generatorNote ?? 'saturated'})` : ''}: there the API may go further than measured.`,
    );
  }
  const shares = !opts.pinned || opts.serverCpus >= opts.hostCpus;
  const others = chosen.systemCpu * opts.hostCpus - chosen.serverCpu - chosen.generatorCpu;
  if (chosen.systemCpu > 0 && others > 0.3) {
    notes.push(
      `Other processes on this machine used about ${others.toFixed(1)} of a CPU meanwhile: ` +
        'the figures are lower than a quiet machine would give.',
    );
  }
  if (shares) {
    notes.push(
      `On this ${opts.hostCpus}-CPU machine the load generator shares the CPUs with the ` +
        `server (it used ${formatCpu(chosen.generatorCpu)} of a core at ${count(chosen.workers, 'worker')}): a target ` +
        'with the CPUs to itself can serve more; pin the server with --cpus to emulate it.',
    );
  } else {
    notes.push(
      `The server was pinned to ${count(opts.serverCpus, 'CPU')} of ${opts.hostCpus}; the load ` +
        `generator (${formatCpu(chosen.generatorCpu)} of a core) ran on the others.`,
    );
  }
  return notes;
}
