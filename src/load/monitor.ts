/**
 * The generator watching itself per round: CPU used (share of one core, process-wide, so all
 * threads together) and event-loop delay of this thread. A busy generator delays sends and
 * inflates latency; these figures let the report blame the generator instead of the API.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IntervalHistogram } from 'node:perf_hooks';

/** The histogram records whole sampling intervals: the delay is what exceeds the resolution. */
const RESOLUTION_MS = 10;

export interface GeneratorSample {
  cpuShare: number;
  eventLoopDelayP99Ms: number;
}

export class GeneratorMonitor {
  private readonly delay: IntervalHistogram;
  private cpu = process.cpuUsage();
  private t0 = performance.now();

  constructor() {
    this.delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.delay.enable();
  }

  begin(): void {
    this.cpu = process.cpuUsage();
    this.t0 = performance.now();
    this.delay.reset();
  }

  /** Figures since begin(); starts the next interval. */
  take(): GeneratorSample {
    const used = process.cpuUsage(this.cpu);
    const elapsedUs = (performance.now() - this.t0) * 1000;
    const p99 =
      this.delay.count > 0 ? Math.max(0, this.delay.percentile(99) / 1e6 - RESOLUTION_MS) : 0;
    const sample = {
      cpuShare: elapsedUs > 0 ? (used.user + used.system) / elapsedUs : 0,
      eventLoopDelayP99Ms: Number.isFinite(p99) ? p99 : 0,
    };
    this.begin();
    return sample;
  }

  stop(): void {
    this.delay.disable();
  }
}
