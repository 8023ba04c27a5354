/**
 * Open model: requests are due on an absolute schedule (src/load/schedule.ts) whatever the
 * server does. A due request goes out on an idle connection; when none is idle it waits in the
 * backlog (wrk2/oha style) and its latency still counts from the due time, so a stalled server
 * shows up in the percentiles (no coordinated omission). Service time, from the actual send, is
 * kept separately.
 *
 * The backlog is the index range [sent, due): constant memory however deep. A queued request
 * that has waited longer than the timeout is counted as a timeout without being sent (the
 * `dropped` figure), which bounds the backlog to rate x timeout and the catch-up burst after a
 * stall to what a real client would still be waiting for.
 */
import { createHistogram, encodeHistogram, recordMicros } from './histogram.js';
import type { Histogram } from './histogram.js';
import { classifyAnswer, classifyError } from './classify.js';
import { backoffMs } from './connection.js';
import type { Connection, ConnectionEvents } from './connection.js';
import type { RoundRecorder } from './recorder.js';
import type { Schedule } from './schedule.js';
import type { RequestSource } from './source.js';

export interface OpenRoundStats {
  /** Requests that became due during the round. */
  due: number;
  maxQueue: number;
  dropped: number;
  /** Encoded histogram (us) of how late the timer fired after a request's due time. */
  schedulerLag: string;
}

export class OpenDriver implements ConnectionEvents {
  recorder: RoundRecorder;
  private readonly idle: Connection[];
  private origin = 0;
  private sent = 0;
  private due = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private maxQueue = 0;
  private dropped = 0;
  private lag: Histogram = createHistogram();

  constructor(
    conns: readonly Connection[],
    private readonly source: RequestSource,
    private readonly schedule: Schedule,
    private readonly timeoutMs: number,
    recorder: RoundRecorder,
  ) {
    this.idle = conns.slice();
    this.recorder = recorder;
  }

  /** `origin` is the performance.now() time of the schedule's t = 0. */
  start(origin: number): void {
    this.origin = origin;
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
  }

  /** Figures since the last call, for the round [fromMs, toMs) of schedule time; then reset. */
  takeRoundStats(fromMs: number, toMs: number): OpenRoundStats {
    const s = this.schedule;
    const stats = {
      due: s.dueBy(toMs - 1e-6) - s.dueBy(fromMs - 1e-6),
      maxQueue: this.maxQueue,
      dropped: this.dropped,
      schedulerLag: encodeHistogram(this.lag),
    };
    this.maxQueue = this.due - this.sent;
    this.dropped = 0;
    this.lag = createHistogram();
    return stats;
  }

  private tick = (): void => {
    this.timer = null;
    if (this.stopped) return;
    const t = performance.now() - this.origin;
    const before = this.due;
    this.advance(t);
    if (this.due > before) recordMicros(this.lag, (t - this.schedule.dueTime(before)) * 1000);
    // Bounded by the number of idle connections.
    while (this.sent < this.due && this.idle.length > 0) this.sendOne(this.idle.pop()!);
    const next = this.schedule.dueTime(this.due);
    if (next !== Infinity) this.timer = setTimeout(this.tick, Math.max(0, next - t));
  };

  /** Catch up with the clock: newly due requests join the backlog, stale ones are dropped. */
  private advance(t: number): void {
    const s = this.schedule;
    this.due = s.dueBy(t);
    const stale = s.dueBy(t - this.timeoutMs);
    if (stale > this.sent) {
      // Each dropped request is attributed to the endpoint it would have gone to.
      for (let i = this.sent; i < stale; i++) this.recorder.failed(this.source.next(), 'timeout');
      this.dropped += stale - this.sent;
      this.sent = stale;
    }
    const q = this.due - this.sent;
    if (q > this.maxQueue) this.maxQueue = q;
  }

  private sendOne(conn: Connection): void {
    const i = this.sent++;
    const source = this.source;
    const ep = source.next();
    const r = source.requests[ep];
    conn.send(
      ep,
      source.options(ep),
      r?.bodyContains != null,
      this.origin + this.schedule.dueTime(i),
    );
  }

  /** A connection is free: take the oldest backlog request, or wait for the next tick. */
  private release(conn: Connection): void {
    if (this.stopped) return;
    if (
      this.sent < this.due ||
      this.schedule.dueTime(this.due) <= performance.now() - this.origin
    ) {
      this.advance(performance.now() - this.origin);
      if (this.sent < this.due) {
        this.sendOne(conn);
        return;
      }
    }
    this.idle.push(conn);
  }

  onAnswer(conn: Connection, status: number, body: Buffer | null): void {
    if (this.stopped) return;
    const now = performance.now();
    const r = this.source.requests[conn.ep];
    const kind = r ? classifyAnswer(status, r.accepted, r.bodyContains, body) : null;
    this.recorder.answered(conn.ep, (now - conn.dueAt) * 1000, (now - conn.sentAt) * 1000, kind);
    conn.failures = 0;
    this.release(conn);
  }

  onFailure(conn: Connection, err: Error): void {
    if (this.stopped) return;
    this.recorder.failed(conn.ep, classifyError(err));
    conn.failures++;
    // Never re-send synchronously (a failure can come from inside dispatch); back off on repeats.
    const t = setTimeout(() => {
      this.retryTimers.delete(t);
      this.release(conn);
    }, backoffMs(conn.failures));
    this.retryTimers.add(t);
  }
}
