/**
 * `--shard I/N` (action input `shard`): this job is load generator I of N, and `--start-at`
 * (input `start-at`): when every shard starts. Pure parsing; the caller names the flag or input.
 */

/** Shards of one series; more would be a matrix of load generators nobody needs. */
export const MAX_SHARDS = 64;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseShardSpec(text: string): Parsed<{ index: number; count: number }> {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const expected = `expected I/N like 2/3 (shard I of N, 1 <= I <= N <= ${MAX_SHARDS})`;
  if (!m) return { ok: false, message: `${expected}, got ${JSON.stringify(text)}` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    return { ok: false, message: `${expected}, got ${JSON.stringify(text)}` };
  }
  return { ok: true, value: { index, count } };
}

/** Shards that start at "the next whole N seconds" meet when their jobs start close together. */
export const DEFAULT_START_GRID_MS = 15_000;

/**
 * `--start-at`: an ISO 8601 time (2026-05-01T10:00:00Z), epoch milliseconds, or `+30s` style
 * (seconds from now, for a local try). Result: epoch ms.
 */
export function parseStartAt(text: string, now: number): Parsed<number> {
  const t = text.trim();
  const rel = /^\+(\d+(?:\.\d+)?)s$/.exec(t);
  if (rel) return { ok: true, value: now + Number(rel[1]) * 1000 };
  if (/^\d{12,}$/.test(t)) return { ok: true, value: Number(t) };
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(t) ? Date.parse(t) : NaN;
  if (Number.isFinite(ms)) return { ok: true, value: ms };
  return {
    ok: false,
    message: `expected an ISO time like 2026-05-01T10:00:00Z, epoch milliseconds or +30s, got ${JSON.stringify(text)}`,
  };
}

/** Without --start-at: the next multiple of the grid, at least a second away. */
export function defaultStartAt(now: number, gridMs = DEFAULT_START_GRID_MS): number {
  return Math.ceil((now + 1000) / gridMs) * gridMs;
}
