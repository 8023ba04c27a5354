/** Small verdict helpers shared by the renderers. */
import type { EndpointReport, Verdict } from './types.js';

const SEVERITY: Record<Verdict, number> = {
  error: 4,
  regression: 3,
  inconclusive: 2,
  pass: 1,
  'no-baseline': 0,
};

/** The worst of several verdicts: error > regression > inconclusive > pass > no-baseline. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  let worst: Verdict = 'no-baseline';
  for (const v of verdicts) if (SEVERITY[v] > SEVERITY[worst]) worst = v;
  return worst;
}

/** An endpoint's verdict: the worst verdict among its metrics. */
export function endpointVerdict(e: EndpointReport): Verdict {
  const m = e.metrics;
  return worstVerdict([
    m.rps.verdict,
    m.p50.verdict,
    m.p95.verdict,
    m.p99.verdict,
    m.errorRate.verdict,
  ]);
}

/** Round numbers (1-based) where the load generator, not the API, set the pace. */
export function generatorBoundRounds(
  rounds: readonly { index: number; generatorBound: boolean }[],
) {
  return rounds.filter((r) => r.generatorBound).map((r) => r.index + 1);
}
