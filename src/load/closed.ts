/**
 * Closed model: every connection sends its next request as soon as the last one was answered.
 * It finds the maximum throughput; latency is from the actual send (service time = latency).
 * After a failure the connection retries with a growing backoff, so a dead server does not
 * spin the CPU (connect attempts fall to about one per connection per second).
 */
import { classifyAnswer, classifyError } from './classify.js';
import { backoffMs } from './connection.js';
import type { Connection, ConnectionEvents } from './connection.js';
import type { RoundRecorder } from './recorder.js';
import type { RequestSource } from './source.js';

export class ClosedDriver implements ConnectionEvents {
  recorder: RoundRecorder;
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly conns: readonly Connection[],
    private readonly source: RequestSource,
    recorder: RoundRecorder,
  ) {
    this.recorder = recorder;
  }

  start(): void {
    for (const c of this.conns) this.sendNext(c);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private sendNext(conn: Connection): void {
    if (this.stopped) return;
    const source = this.source;
    const ep = source.next();
    const r = source.requests[ep];
    conn.send(ep, source.options(ep), r?.bodyContains != null, 0);
  }

  onAnswer(conn: Connection, status: number, body: Buffer | null): void {
    if (this.stopped) return;
    const us = (performance.now() - conn.sentAt) * 1000;
    const r = this.source.requests[conn.ep];
    const kind = r ? classifyAnswer(status, r.accepted, r.bodyContains, body) : null;
    this.recorder.answered(conn.ep, us, us, kind);
    conn.failures = 0;
    this.sendNext(conn);
  }

  onFailure(conn: Connection, err: Error): void {
    if (this.stopped) return;
    this.recorder.failed(conn.ep, classifyError(err));
    conn.failures++;
    // Never re-send synchronously: a failure can be raised from inside dispatch itself.
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.sendNext(conn);
    }, backoffMs(conn.failures));
    this.timers.add(t);
  }
}
