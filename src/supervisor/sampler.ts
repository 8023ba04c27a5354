/**
 * Samples every second from /proc: CPU (utime+stime delta) and memory (RSS, PSS) of each process
 * in our groups, and whole-system CPU including steal. Reads are async and a tick never overlaps
 * the previous one, so the load generator sharing this event loop is barely disturbed.
 */
import type { ProcessSample, Sample } from './types.js';
import {
  CLOCK_TICKS,
  listProcesses,
  readCpuTimes,
  readMemory,
  type CpuTimes,
  type ProcStat,
} from './proc.js';
import { membersOf } from './tree.js';

/** One hour of one-second samples; older ones are dropped. */
const MAX_SAMPLES = 3_600;

export interface SamplerSource {
  /** Process groups to sample now. */
  groups(): number[];
  /** Which worker a process serves as (null: master or helper). */
  workerOf(pid: number, procs: ProcStat[]): number | null;
  /** Called with every /proc snapshot (self mode discovers its workers from it). */
  onScan?(procs: ProcStat[]): void;
}

export class Sampler {
  private readonly samples: Sample[] = [];
  private readonly prevTicks = new Map<number, number>();
  private prevAt = 0;
  private prevCpu: CpuTimes | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly source: SamplerSource,
    private readonly intervalMs = 1_000,
  ) {}

  /** Takes a first reading at once (so the first sample has deltas), then one per interval. */
  async start(): Promise<void> {
    await this.tick(false);
    this.timer = setInterval(() => void this.tick(true), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  since(ms = 0): Sample[] {
    return this.samples.filter((s) => s.at >= ms);
  }

  /** One reading; `keep` false only primes the deltas. Exposed for tests. */
  async tick(keep: boolean): Promise<Sample | null> {
    if (this.busy) return null;
    this.busy = true;
    try {
      const at = Date.now();
      const [procs, cpu] = await Promise.all([listProcesses(), readCpuTimes()]);
      this.source.onScan?.(procs);
      const members = membersOf(procs, this.source.groups());
      const seconds = (at - this.prevAt) / 1000;
      const processes = await Promise.all(
        members.map((p) => this.processSample(p, procs, seconds)),
      );
      const sample: Sample = { at, system: this.system(cpu), processes };
      this.prevAt = at;
      this.prevCpu = cpu;
      const live = new Set(members.map((p) => p.pid));
      for (const pid of this.prevTicks.keys()) if (!live.has(pid)) this.prevTicks.delete(pid);
      if (!keep) return sample;
      this.samples.push(sample);
      if (this.samples.length > MAX_SAMPLES) this.samples.shift();
      return sample;
    } catch {
      return null; // /proc unreadable this once: skip the sample
    } finally {
      this.busy = false;
    }
  }

  private async processSample(
    p: ProcStat,
    procs: ProcStat[],
    seconds: number,
  ): Promise<ProcessSample> {
    const prev = this.prevTicks.get(p.pid);
    this.prevTicks.set(p.pid, p.cpuTicks);
    // A process first seen now has no previous reading: 0 rather than a guess.
    const cpu =
      prev === undefined || seconds <= 0 ? 0 : (p.cpuTicks - prev) / CLOCK_TICKS / seconds;
    const mem = await readMemory(p.pid);
    return {
      pid: p.pid,
      cpu: Math.max(0, cpu),
      rssBytes: mem?.rssBytes ?? 0,
      pssBytes: mem?.pssBytes ?? null,
      worker: this.source.workerOf(p.pid, procs),
      name: p.name,
    };
  }

  private system(cpu: CpuTimes | null): Sample['system'] {
    const prev = this.prevCpu;
    if (!cpu || !prev || cpu.total <= prev.total) return { cpu: 0, steal: 0 };
    const total = cpu.total - prev.total;
    return {
      cpu: Math.min(1, Math.max(0, (total - (cpu.idle - prev.idle)) / total)),
      steal: Math.min(1, Math.max(0, (cpu.steal - prev.steal) / total)),
    };
  }
}
