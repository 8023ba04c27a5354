/**
 * Every default of loadgate.yml in one place (documented in docs/configuration.md; keep both
 * in step). Durations in milliseconds, ratios as fractions.
 */
export const DEFAULTS = {
  load: {
    model: 'closed',
    connections: 32,
    warmupMs: 5_000,
    durationMs: 10_000,
    rounds: 5,
    timeoutMs: 10_000,
    threads: 1,
    seed: 1,
    /** Always masked; `secret-headers` adds to these. */
    secretHeaders: ['authorization', 'cookie'],
  },
  server: {
    cwd: '.',
    setupTimeoutMs: 300_000,
    graceMs: 10_000,
    failOnCrash: true,
    socket: 'per-port',
    logDir: '.loadgate/logs',
    ready: { path: '/', timeoutMs: 120_000, status: 200, successes: 2 },
  },
  /** A remote target (a preview deployment) is waited for: it may still be deploying. */
  targetReady: { path: '/', timeoutMs: 600_000, status: null, successes: 1 },
  request: { method: 'GET', weight: 1 },
  data: { order: 'sequential' },
  gate: { rps: 0.03, p95: 0.1, errors: 0.01, failOn: 'regression', maxTimeMs: 180_000 },
  baseline: { file: '.loadgate/baseline.json', remote: 'origin', history: 50 },
  compare: 'auto',
  /** Used when the config's folder has no usable name (for example `/`). */
  name: 'loadgate',
} as const;

/** Limits that catch typos before anything starts (issue 4: workers 0 or 1000 are errors). */
export const LIMITS = {
  connections: 10_000,
  workers: 256,
  rounds: 100,
  threads: 64,
  history: 1_000,
  rate: 1_000_000,
  weight: 1_000_000,
  successes: 100,
  /** Endpoints (requests:) in one scenario: each costs about 150 KB (histograms, report). */
  requests: 200,
  /** Setup requests (login, seeding) before the load. */
  setupRequests: 100,
} as const;
