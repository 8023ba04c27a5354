/**
 * Sequential A/B: look at the paired blocks after the planned ones, and while a gated metric is
 * undecided add blocks and look again, without letting the repeated looks raise the false-alarm
 * rate. Pure.
 *
 * Alpha spending (Lan and DeMets, 1983) with a Pocock-type spending function (Kim and DeMets,
 * 1987): after `k` of at most `K` blocks (information fraction t = k / K) the looks together
 * may have spent alpha(t) = alpha · ln(1 + (e - 1) · t). Each look tests at the level it adds,
 * alpha(t_l) - alpha(t_l-1), with Holm across metrics inside the look. The looks' levels add up
 * to at most alpha, so the chance of any false alarm over all looks is at most alpha whatever
 * the correlation between looks (a union bound: conservative, as the looks share most of their
 * blocks). `K` is fixed from the time budget before the first look sees any result, so the
 * levels never depend on the data. A look that finds `pass` also ends the run: stopping to
 * accept cannot add false alarms.
 */

/** Share of alpha spent by information fraction t (0..1), Pocock-type. */
export function spentAlpha(alpha: number, t: number): number {
  const f = Math.min(1, Math.max(0, t));
  return alpha * Math.log(1 + (Math.E - 1) * f);
}

/**
 * The significance level of the look after `blocks` blocks, when the previous look was after
 * `previousBlocks` (0 for the first look) and at most `maxBlocks` can be run.
 */
export function lookAlpha(
  alpha: number,
  previousBlocks: number,
  blocks: number,
  maxBlocks: number,
): number {
  if (!(maxBlocks > 0) || blocks > maxBlocks || previousBlocks >= blocks) {
    throw new RangeError(
      `lookAlpha: looks at ${previousBlocks} then ${blocks} of at most ${maxBlocks} blocks`,
    );
  }
  return spentAlpha(alpha, blocks / maxBlocks) - spentAlpha(alpha, previousBlocks / maxBlocks);
}

/** Every look's level for looks at these block counts (ascending) of at most `maxBlocks`. */
export function lookAlphas(alpha: number, looks: readonly number[], maxBlocks: number): number[] {
  return looks.map((blocks, i) =>
    lookAlpha(alpha, i === 0 ? 0 : (looks[i - 1] ?? 0), blocks, maxBlocks),
  );
}
