/**
 * Counts and latency histograms of one round, per endpoint. The overall histograms are merged
 * from the endpoints' at the end of the round, so each request costs one or two recordValue
 * calls. Closed model: service time equals latency and is recorded once.
 */
import { createHistogram, encodeHistogram, mergeHistograms, recordMicros } from './histogram.js';
import type { Histogram } from './histogram.js';
import type { EndpointRound, ErrorKind } from './types.js';

interface EndpointStats {
  name: string;
  requests: number;
  errors: number;
  kinds: Map<ErrorKind, number>;
  latency: Histogram;
  service: Histogram | null;
}

export interface RecordedRound {
  requests: number;
  errors: number;
  errorsByKind: Partial<Record<ErrorKind, number>>;
  latency: string;
  serviceTime: string;
  endpoints: EndpointRound[];
}

export class RoundRecorder {
  private readonly eps: EndpointStats[];
  requests = 0;
  errors = 0;

  constructor(names: readonly string[], separateServiceTime: boolean) {
    this.eps = names.map((name) => ({
      name,
      requests: 0,
      errors: 0,
      kinds: new Map(),
      latency: createHistogram(),
      service: separateServiceTime ? createHistogram() : null,
    }));
  }

  /** An answered request; `kind` is null when it passed its checks. */
  answered(ep: number, latencyUs: number, serviceUs: number, kind: ErrorKind | null): void {
    const s = this.eps[ep]!; // ep indexes the compiled scenario
    s.requests++;
    this.requests++;
    recordMicros(s.latency, latencyUs);
    if (s.service !== null) recordMicros(s.service, serviceUs);
    if (kind !== null) this.count(s, kind, 1);
  }

  /** Requests that got no answer (transport errors, timeouts): counted, no latency recorded. */
  failed(ep: number, kind: ErrorKind, n = 1): void {
    const s = this.eps[ep]!; // ep indexes the compiled scenario
    s.requests += n;
    this.requests += n;
    this.count(s, kind, n);
  }

  private count(s: EndpointStats, kind: ErrorKind, n: number): void {
    s.errors += n;
    this.errors += n;
    s.kinds.set(kind, (s.kinds.get(kind) ?? 0) + n);
  }

  finish(): RecordedRound {
    const overallKinds: Partial<Record<ErrorKind, number>> = {};
    const endpoints = this.eps.map((s): EndpointRound => {
      const errorsByKind: Partial<Record<ErrorKind, number>> = {};
      for (const [k, n] of s.kinds) {
        errorsByKind[k] = n;
        overallKinds[k] = (overallKinds[k] ?? 0) + n;
      }
      const latency = encodeHistogram(s.latency);
      return {
        name: s.name,
        requests: s.requests,
        errors: s.errors,
        errorsByKind,
        latency,
        serviceTime: s.service ? encodeHistogram(s.service) : latency,
      };
    });
    const latency = encodeHistogram(mergeHistograms(this.eps.map((s) => s.latency)));
    const separate = this.eps[0]?.service != null;
    const serviceTime = separate
      ? encodeHistogram(mergeHistograms(this.eps.flatMap((s) => (s.service ? [s.service] : []))))
      : latency;
    return {
      requests: this.requests,
      errors: this.errors,
      errorsByKind: overallKinds,
      latency,
      serviceTime,
      endpoints,
    };
  }
}
