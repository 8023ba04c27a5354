// Baseline entries for the baseline tests.
import type { BaselineEntry } from '../../../src/baseline/types.js';

export function sampleEntry(commit: string, rps = 1000): BaselineEntry {
  const round = { rps, p50: 10, p95: 20, p99: 30, errorRate: 0 };
  return {
    createdAt: '2026-11-24T12:00:00.000Z',
    commit,
    scenarioHash: 'scenario-1',
    runner: { cpuModel: 'Test CPU', cores: 2, os: 'linux', node: 'v20.20.2' },
    versions: { loadgate: '0.1.0', undici: '7.0.0' },
    quantileMethod: 'simple-statistics@7.12.1 R-7 linear',
    rounds: [round, round, round],
    endpoints: [{ name: 'list items', rounds: [round, round, round] }],
    histogram: 'HISTFAAAAB54nJNpmSzMwMDAyAABzFCaEUoz2X+AsQEpHAQ6',
  };
}
