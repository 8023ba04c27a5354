/**
 * When a spawned worker dies: restart after an exponential backoff, or give up on a crash loop.
 * Pure: fed with start and death times, it answers with a delay or a reason to stop.
 */

export const RESTART = {
  /** First backoff; doubles with each death in a row, up to `maxBackoffMs`. */
  firstBackoffMs: 100,
  maxBackoffMs: 5_000,
  /** A death this soon after its start counts towards a crash loop. */
  quickDeathMs: 2_000,
  /** More quick deaths in a row than this is a crash loop. */
  maxQuickDeaths: 3,
  /** A worker that stayed up this long is healthy again: the backoff starts over. */
  healthyAfterMs: 10_000,
} as const;

export type RestartDecision =
  { restart: true; delayMs: number } | { restart: false; reason: string };

export class RestartPolicy {
  private deathsInRow = 0;
  private quickInRow = 0;

  constructor(private readonly limits: typeof RESTART = RESTART) {}

  onDeath(startedAt: number, diedAt: number): RestartDecision {
    const lived = diedAt - startedAt;
    if (lived >= this.limits.healthyAfterMs) this.deathsInRow = 0;
    this.deathsInRow += 1;
    this.quickInRow = lived < this.limits.quickDeathMs ? this.quickInRow + 1 : 0;
    if (this.quickInRow > this.limits.maxQuickDeaths) {
      return {
        restart: false,
        reason:
          `crash loop: ${this.quickInRow} deaths in a row, each within ` +
          `${this.limits.quickDeathMs / 1000} s of its start`,
      };
    }
    const delayMs = Math.min(
      this.limits.maxBackoffMs,
      this.limits.firstBackoffMs * 2 ** (this.deathsInRow - 1),
    );
    return { restart: true, delayMs };
  }
}
