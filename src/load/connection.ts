/**
 * One keep-alive connection: an undici Client (pipelining 1) and this object as its reusable
 * dispatch handler, so a request allocates nothing of ours. Bodies are dropped chunk by chunk
 * unless a body check needs them (kept up to MAX_BODY_BYTES). Exactly one request is in flight
 * per connection, which is how backpressure is honoured: the next one is sent on the answer.
 *
 * It uses undici's callback handler (onConnect/onHeaders/onData/onComplete/onError). undici 7
 * marks it deprecated in its types but runs it natively; the controller API (onRequestStart...)
 * wraps every request in an adapter and parses headers into an object, which measured about 4%
 * more CPU per request here. Switch when moving to undici 8.
 */
import { Client } from 'undici';
import type { Dispatcher } from 'undici';

/** Body bytes kept for `expect.bodyContains`; the rest of a larger body is not searched. */
export const MAX_BODY_BYTES = 1 << 20;

export interface ConnectionEvents {
  onAnswer(conn: Connection, status: number, body: Buffer | null): void;
  onFailure(conn: Connection, err: Error): void;
}

export interface ConnectionOptions {
  origin: string;
  timeoutMs: number;
  /** Trusted CA certificates (PEM) for https; absent: Node's defaults. Verification stays on. */
  ca?: readonly string[] | null;
}

export class Connection {
  readonly client: Client;
  readonly origin: string;
  /** A request is in flight. */
  busy = false;
  /** Endpoint index, due and send times (performance.now ms) of the request in flight. */
  ep = 0;
  dueAt = 0;
  sentAt = 0;
  /** Consecutive failed requests, for the reconnect backoff. */
  failures = 0;
  private status = 0;
  private chunks: Buffer[] | null = null;
  private bodyBytes = 0;
  private abortFn: ((err?: Error) => void) | null = null;
  /** Who hears about answers and failures (the model's driver). */
  events: ConnectionEvents;

  constructor(opts: ConnectionOptions, events: ConnectionEvents) {
    this.origin = opts.origin;
    this.events = events;
    const t = Math.max(1, Math.round(opts.timeoutMs));
    this.client = new Client(opts.origin, {
      pipelining: 1,
      headersTimeout: t,
      bodyTimeout: t,
      connectTimeout: Math.min(t, 10_000),
      ...(opts.ca ? { connect: { ca: [...opts.ca] } } : {}),
    });
  }

  send(ep: number, opts: Dispatcher.DispatchOptions, keepBody: boolean, dueAt: number): void {
    this.busy = true;
    this.ep = ep;
    this.dueAt = dueAt;
    this.status = 0;
    this.chunks = keepBody ? [] : null;
    this.bodyBytes = 0;
    this.abortFn = null;
    this.sentAt = performance.now();
    // A synchronous failure (bad options, destroyed client) arrives through onError.
    this.client.dispatch(opts, this);
  }

  /** Abort the request in flight (the engine's total timeout); it ends in onError(err). */
  abort(err: Error): void {
    const abort = this.abortFn;
    this.abortFn = null;
    if (abort) abort(err);
  }

  destroy(): Promise<void> {
    return this.client.destroy().catch(() => undefined);
  }

  // --- undici handler ---------------------------------------------------------------------

  onConnect(abort: (err?: Error) => void): void {
    this.abortFn = abort;
  }

  onHeaders(status: number): boolean {
    this.status = status;
    return true;
  }

  onData(chunk: Buffer): boolean {
    const chunks = this.chunks;
    if (chunks !== null && this.bodyBytes < MAX_BODY_BYTES) {
      chunks.push(chunk);
      this.bodyBytes += chunk.length;
    }
    return true;
  }

  onComplete(): void {
    const chunks = this.chunks;
    this.chunks = null;
    this.busy = false;
    this.abortFn = null;
    const body = chunks === null ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    this.events.onAnswer(this, this.status, body);
  }

  onError(err: Error): void {
    this.chunks = null;
    this.busy = false;
    this.abortFn = null;
    this.events.onFailure(this, err);
  }
}

/** Wait before the next attempt after `failures` consecutive failures: 0, then 10 ms doubling to 1 s. */
export function backoffMs(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(1000, 10 * 2 ** Math.min(failures - 2, 7));
}
