/** Builds Config objects for the engine's tests: short rounds, no warm-up unless asked. */
import type { Config, LoadConfig, RequestSpec } from '../../../src/config/types.js';

export function request(partial: Partial<RequestSpec> & { path: string }): RequestSpec {
  return {
    name: partial.name ?? partial.path,
    method: 'GET',
    query: {},
    headers: {},
    body: { kind: 'none' },
    weight: 1,
    expect: { status: [], bodyContains: null },
    ...partial,
  };
}

export function testConfig(
  load: Partial<LoadConfig>,
  requests: RequestSpec[],
  extra: Partial<Pick<Config, 'setup' | 'data' | 'vars'>> = {},
): Config {
  return {
    name: 'engine-test',
    source: null,
    baseDir: process.cwd(),
    server: null,
    // runLoad takes its target URLs as an argument; this one is never used.
    target: 'http://127.0.0.1:9',
    load: {
      model: 'closed',
      connections: 4,
      rate: null,
      stages: [],
      warmupMs: 0,
      durationMs: 400,
      rounds: 1,
      timeoutMs: 2_000,
      threads: 1,
      secretHeaders: ['authorization'],
      seed: 1,
      ...load,
    },
    setup: extra.setup ?? [],
    requests,
    data: extra.data ?? null,
    vars: extra.vars ?? {},
    gate: { rps: 0.05, p95: 0.1, errors: 0.01, failOn: 'regression', maxTimeMs: 180_000 },
    baseline: { store: 'file', file: '/tmp/loadgate-engine-test-baseline.json', history: 10 },
    compare: 'stored',
  };
}
