/**
 * The stream of requests one thread sends: a seeded weighted pick of the endpoint, then its
 * dispatch options (the frozen object, or a per-request rendering with `${seq}`, data row...).
 */
import type { Dispatcher } from 'undici';
import type { CompiledRequest } from './scenario.js';
import type { RenderContext } from './template.js';
import { createPicker } from './picker.js';
import type { Picker } from './picker.js';
import { createRng } from './rng.js';
import type { Rng } from './rng.js';
import { rowPicker } from './data-feed.js';

export interface SourceOptions {
  seed: number;
  /** `${seq}` runs threadIndex+1, threadIndex+1+threadCount, ...: unique across threads. */
  threadIndex: number;
  threadCount: number;
  data: { rows: Record<string, string>[]; order: 'sequential' | 'random' } | null;
}

export class RequestSource {
  readonly requests: readonly CompiledRequest[];
  private readonly pick: Picker;
  private readonly rng: Rng;
  private readonly ctx: RenderContext;
  private readonly row: ((seq: number) => Record<string, string>) | null;
  private readonly step: number;
  private seq: number;

  constructor(requests: readonly CompiledRequest[], opts: SourceOptions) {
    this.requests = requests;
    this.rng = createRng(opts.seed);
    this.pick = createPicker(
      requests.map((r) => r.weight),
      this.rng,
    );
    this.row = opts.data ? rowPicker(opts.data.rows, opts.data.order, this.rng) : null;
    this.ctx = { seq: 0, row: null, rng: this.rng };
    this.step = Math.max(1, opts.threadCount);
    this.seq = opts.threadIndex + 1 - this.step;
  }

  /** The endpoint of the next request. */
  next(): number {
    return this.pick();
  }

  /** Dispatch options for a request to endpoint `ep`. */
  options(ep: number): Dispatcher.DispatchOptions {
    const r = this.requests[ep]!; // ep comes from pick()
    if (r.fixed !== null) return r.fixed;
    const ctx = this.ctx;
    this.seq += this.step;
    ctx.seq = this.seq;
    ctx.row = this.row ? this.row(this.seq) : null;
    return r.build(ctx);
  }
}
