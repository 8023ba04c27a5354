/**
 * Holm's step-down correction (R: p.adjust(p, "holm")): controls the chance of any false alarm
 * across several metrics and endpoints under any dependence between them. Without it, ten
 * metrics at 5% each give far more false alarms per PR than 5% (FIELD-NOTES 4). Pure.
 */

/** Adjusted p-values in the input order; NaN inputs stay NaN and do not count. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const indexed = pValues
    .map((p, i) => ({ p, i }))
    .filter((x) => !Number.isNaN(x.p))
    .sort((a, b) => a.p - b.p);
  const m = indexed.length;
  const out = pValues.map(() => NaN);
  let running = 0;
  indexed.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}

/** Which hypotheses Holm rejects at family-wise level `alpha`. */
export function holmReject(pValues: readonly number[], alpha = 0.05): boolean[] {
  return holmAdjust(pValues).map((p) => p <= alpha);
}
