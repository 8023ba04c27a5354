/**
 * The run's timeline (pure): warm-up then rounds back to back, and for the open model one
 * schedule over all of it, so the backlog and due times carry across round boundaries.
 */
import type { LoadConfig } from '../config/types.js';
import { Schedule, meanRate, roundProfile } from './schedule.js';
import type { RateSpan } from './schedule.js';

export interface Phase {
  kind: 'warmup' | 'round';
  index: number;
  startMs: number;
  endMs: number;
}

export function phasesOf(load: LoadConfig): Phase[] {
  const phases: Phase[] = [];
  let t = 0;
  if (load.warmupMs > 0) {
    phases.push({ kind: 'warmup', index: 0, startMs: 0, endMs: load.warmupMs });
    t = load.warmupMs;
  }
  for (let i = 0; i < load.rounds; i++) {
    phases.push({ kind: 'round', index: i, startMs: t, endMs: t + load.durationMs });
    t += load.durationMs;
  }
  return phases;
}

/** The open model's whole-run schedule: warm-up at the mean rate, then the profile per round. */
export function runSchedule(load: LoadConfig, share: number): Schedule {
  const profile = roundProfile(load, share);
  const spans: RateSpan[] = [];
  if (load.warmupMs > 0) {
    const r = meanRate(profile);
    spans.push({ durationMs: load.warmupMs, fromRate: r, toRate: r });
  }
  for (let i = 0; i < load.rounds; i++) spans.push(...profile);
  return new Schedule(spans);
}
