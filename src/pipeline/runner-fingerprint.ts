/** What machine measured a run: stored with baselines so that entries from the same kind of runner are preferred. */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import type { RunnerFingerprint } from '../report/types.js';

function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1];
    if (pretty) return `${pretty} (${os.release()})`;
  } catch {
    // Not Linux, or no os-release: fall back to the kernel's name.
  }
  return `${os.type()} ${os.release()}`;
}

export function runnerFingerprint(): RunnerFingerprint {
  const cpus = os.cpus();
  return {
    cpuModel: (cpus[0]?.model ?? 'unknown').trim(),
    cores: os.availableParallelism(),
    os: osName(),
    node: process.version,
  };
}
