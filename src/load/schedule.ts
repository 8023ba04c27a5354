/**
 * Open-model schedule math (pure). The rate is piecewise linear in time; N(t), the expected
 * number of requests by time t, is its integral, and request i (0-based) is due at the time t
 * where N(t) = i (wrk2: start + i / rate for a constant rate). Because due times follow from
 * the index, the engine's backlog is just a range of indices: no per-request memory.
 *
 * Each round replays the same profile (the config's `rate`, or its `stages`, whose durations
 * sum to the round duration), so rounds are comparable. Stage ramps start from `rate`, or 0.
 * The warm-up runs at the profile's mean rate.
 */

export interface RateSpan {
  durationMs: number;
  fromRate: number;
  toRate: number;
}

export interface RateSegment extends RateSpan {
  startMs: number;
  /** N at startMs. */
  startCount: number;
}

const EPS = 1e-9;

/** The rate profile of one round, scaled by `share` (a thread's part of the total rate). */
export function roundProfile(
  load: {
    rate: number | null;
    stages: readonly { durationMs: number; rate: number }[];
    durationMs: number;
  },
  share = 1,
): RateSpan[] {
  if (load.stages.length === 0) {
    const r = (load.rate ?? 0) * share;
    return [{ durationMs: load.durationMs, fromRate: r, toRate: r }];
  }
  let from = (load.rate ?? 0) * share;
  return load.stages.map((s) => {
    const span = { durationMs: s.durationMs, fromRate: from, toRate: s.rate * share };
    from = span.toRate;
    return span;
  });
}

/** Requests a span holds: the area under its rate line (rates per second, times in ms). */
export function spanCount(s: RateSpan): number {
  return ((s.fromRate + s.toRate) / 2) * (s.durationMs / 1000);
}

export function meanRate(spans: readonly RateSpan[]): number {
  const ms = spans.reduce((t, s) => t + s.durationMs, 0);
  return ms > 0 ? (spans.reduce((n, s) => n + spanCount(s), 0) * 1000) / ms : 0;
}

/** Time into a span (ms) at which `n` requests of it have become due. */
export function spanTimeAt(s: RateSpan, n: number): number {
  if (n <= 0) return 0;
  // n(tau) = b*tau + a*tau^2 with tau in ms; solved in the form that is stable when a -> 0.
  const b = s.fromRate / 1000;
  const a = (s.toRate - s.fromRate) / (2 * s.durationMs * 1000);
  const disc = b * b + 4 * a * n;
  const denom = b + Math.sqrt(Math.max(0, disc));
  if (denom <= 0) return s.durationMs;
  return Math.min(s.durationMs, (2 * n) / denom);
}

/** Requests of a span due within its first `tau` ms. */
export function spanCountAt(s: RateSpan, tau: number): number {
  const t = Math.min(Math.max(tau, 0), s.durationMs);
  return (s.fromRate / 1000) * t + ((s.toRate - s.fromRate) / (2 * s.durationMs * 1000)) * t * t;
}

export class Schedule {
  readonly segments: RateSegment[];
  readonly endMs: number;
  /** Requests due before endMs. */
  readonly total: number;
  private cursor = 0;

  constructor(spans: readonly RateSpan[]) {
    let t = 0;
    let n = 0;
    this.segments = [];
    for (const s of spans) {
      if (s.durationMs <= 0) continue;
      this.segments.push({ ...s, startMs: t, startCount: n });
      t += s.durationMs;
      n += spanCount(s);
    }
    this.endMs = t;
    this.total = Math.max(0, Math.ceil(n - EPS));
  }

  /** Expected requests due by time t (real-valued N(t)). */
  countAt(t: number): number {
    if (t <= 0 || this.segments.length === 0) return 0;
    const seg = this.segmentAtTime(t);
    return seg.startCount + spanCountAt(seg, t - seg.startMs);
  }

  /** How many requests are due at or before time t: indices 0 .. result-1. */
  dueBy(t: number): number {
    if (t < 0) return 0;
    return Math.min(this.total, Math.floor(this.countAt(t) + EPS) + 1);
  }

  /** When request i is due (ms from the schedule's start); Infinity past the end. */
  dueTime(i: number): number {
    if (i >= this.total) return Infinity;
    if (i <= 0) return 0;
    const seg = this.segmentAtCount(i);
    return seg.startMs + spanTimeAt(seg, i - seg.startCount);
  }

  private segmentAtTime(t: number): RateSegment {
    return this.find((s) => s.startMs, t);
  }

  private segmentAtCount(i: number): RateSegment {
    return this.find((s) => s.startCount, i);
  }

  /**
   * The last segment whose start (by `key`) is <= x, skipping empty segments when counting.
   * The cached cursor answers most calls (they move forward); otherwise a binary search.
   */
  private find(key: (s: RateSegment) => number, x: number): RateSegment {
    const segs = this.segments;
    const c = segs[this.cursor];
    const next = segs[this.cursor + 1];
    if (c && key(c) <= x && (!next || key(next) > x)) return c;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (key(segs[mid]!) <= x) lo = mid;
      else hi = mid - 1;
    }
    this.cursor = lo;
    return segs[lo]!; // 0 <= lo < segs.length
  }
}
