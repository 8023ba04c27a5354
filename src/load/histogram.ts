/**
 * Latency histograms: HDR histograms of integer microseconds, 3 significant digits.
 * Constant memory and exact merging across rounds, threads, stored baselines and machines
 * (FIELD-NOTES 2). Pure: no I/O.
 */
import * as hdr from 'hdr-histogram-js';

/** 60 s in microseconds: anything slower is clamped (and is a timeout anyway). */
export const HIGHEST_TRACKABLE_US = 60_000_000;

export type Histogram = hdr.Histogram;

export function createHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 32,
    useWebAssembly: false,
  });
}

/** Record a latency in microseconds (fractions rounded, 0 raised to 1, huge values clamped). */
export function recordMicros(h: Histogram, micros: number): void {
  const v = Math.min(HIGHEST_TRACKABLE_US, Math.max(1, Math.round(micros)));
  h.recordValue(v);
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  const decoded = hdr.decodeFromCompressedBase64(encoded, 32, false);
  // Re-home into our standard shape so that later merges never overflow a smaller range.
  const h = createHistogram();
  h.add(decoded);
  return h;
}

export function mergeHistograms(parts: Iterable<Histogram>): Histogram {
  const out = createHistogram();
  for (const p of parts) out.add(p);
  return out;
}

/** Summary in milliseconds, as the report shows it. */
export interface LatencySummary {
  count: number;
  minMs: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarize(h: Histogram): LatencySummary {
  const ms = (us: number) => us / 1000;
  if (h.totalCount === 0) {
    return { count: 0, minMs: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 };
  }
  return {
    count: h.totalCount,
    minMs: ms(h.minNonZeroValue),
    meanMs: ms(h.mean),
    p50Ms: ms(h.getValueAtPercentile(50)),
    p90Ms: ms(h.getValueAtPercentile(90)),
    p95Ms: ms(h.getValueAtPercentile(95)),
    p99Ms: ms(h.getValueAtPercentile(99)),
    maxMs: ms(h.maxValue),
  };
}
