/**
 * The knee of a concurrency sweep (pure): past the point where RPS stops rising, more
 * connections only queue, and latency climbs with them (Little's law: latency = connections / RPS).
 */
import { formatMs, formatRps } from '../util/format.js';
import type { ConcurrencyPoint } from './types.js';
import { RPS_BAND } from './recommend.js';

export function findKnee(
  points: readonly ConcurrencyPoint[],
  errorCeiling: number,
): { knee: number | null; reason: string } {
  const ok = points
    .filter((p) => p.failure === null && p.errorRate <= errorCeiling)
    .sort((a, b) => a.connections - b.connections);
  if (ok.length === 0)
    return { knee: null, reason: 'No connections level could be measured without errors.' };
  const best = ok.reduce((a, b) => (b.rps > a.rps ? b : a));
  // `best` itself passes the test, so find() never falls back.
  const knee = ok.find((p) => p.rps >= best.rps * (1 - RPS_BAND)) ?? best;
  const last = ok.at(-1) ?? best;
  if (knee === last) {
    return {
      knee: null,
      reason:
        ok.length === 1
          ? 'Only one connections level measured.'
          : `No knee up to ${last.connections} connections: RPS still rising (${formatRps(last.rps)} req/s, p95 ${formatMs(last.p95)}).`,
    };
  }
  const bound = ok.some((p) => p.connections >= knee.connections && p.generatorBound);
  return {
    knee: knee.connections,
    reason:
      `RPS levels off at ${knee.connections} connections (${formatRps(knee.rps)} req/s, p95 ` +
      `${formatMs(knee.p95)}); at ${last.connections} p95 is ${formatMs(last.p95)} for ` +
      `${formatRps(last.rps)} req/s: past the knee requests only wait in line.` +
      (bound ? ' The load generator was the limit at some levels past the knee.' : ''),
  };
}
