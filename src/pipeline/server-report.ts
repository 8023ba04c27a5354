/**
 * How the API ran, from the supervisor's timeline and /proc samples: per-worker CPU and memory
 * while load ran, crashes, readiness time. Pure: takes what the supervisor recorded.
 */
import type { Config } from '../config/types.js';
import type { Sample, ServerEvent } from '../supervisor/types.js';
import type { ServerReport, WorkerReport } from '../report/types.js';

export interface ServerRecord {
  mode: 'self' | 'spawn';
  workerCount: number;
  mainPids: number[];
  events: ServerEvent[];
  /** Samples taken while load ran (warm-up excluded). */
  samples: Sample[];
}

type Crash = Extract<ServerEvent, { kind: 'crash' }>;

export function isCrash(e: ServerEvent): e is Crash {
  return e.kind === 'crash';
}

/** Mean CPU and last memory figures per sampled process, busiest first. */
export function perProcessUsage(samples: Sample[]): WorkerReport[] {
  const byPid = new Map<number, { cpu: number; n: number; rss: number; pss: number | null }>();
  for (const s of samples) {
    for (const p of s.processes) {
      const acc = byPid.get(p.pid) ?? { cpu: 0, n: 0, rss: 0, pss: null };
      acc.cpu += p.cpu;
      acc.n += 1;
      acc.rss = p.rssBytes;
      acc.pss = p.pssBytes;
      byPid.set(p.pid, acc);
    }
  }
  return [...byPid.entries()]
    .map(([pid, a]) => ({ pid, cpu: a.n > 0 ? a.cpu / a.n : 0, rssBytes: a.rss, pssBytes: a.pss }))
    .sort((a, b) => b.cpu - a.cpu)
    .map((w, index) => ({ index, ...w }));
}

export function buildServerReport(config: Config, record: ServerRecord): ServerReport | null {
  const server = config.server;
  if (!server) return null;
  const ready = record.events.find((e) => e.kind === 'ready');
  return {
    command: server.command,
    mode: record.mode,
    socket: record.mode === 'spawn' ? server.socket : null,
    workers: record.workerCount,
    workersReason: server.workers.mode === 'spawn' ? server.workers.reason : null,
    pids: record.mainPids,
    perWorker: perProcessUsage(record.samples),
    crashes: record.events.filter(isCrash),
    readyMs: ready && ready.kind === 'ready' ? ready.ms : null,
  };
}
