// The pipeline's specification, with the measurements injected (no process, no socket): which
// comparison each case makes, every fallback and its note, what is stored, and the exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BaselineEntry, BaselineStore } from '../../../src/baseline/types.js';
import type { Config } from '../../../src/config/types.js';
import type { RoundResult } from '../../../src/load/types.js';
import type { BaseMeasured } from '../../../src/pipeline/ab/index.js';
import { BaseUnavailable, planAB } from '../../../src/pipeline/ab/index.js';
import { run, type RunDeps } from '../../../src/pipeline/run.js';
import type { Measurement } from '../../../src/pipeline/measure.js';
import { ConfigError, ExitCode, ServerError } from '../../../src/errors.js';
import { memoryLogger } from '../../../src/log.js';
import { scenarioFingerprint } from '../../../src/config/index.js';
import { runnerFingerprint } from '../../../src/pipeline/runner-fingerprint.js';
import { parse, minimal } from '../config/helpers.js';
import { roundOf } from '../stats/fixtures.js';

/** `n` rounds of 1 s with `perRound` requests each (latency 5-14 ms), `errors` failed. */
function rounds(n: number, perRound: number, errors = 0): RoundResult[] {
  return Array.from({ length: n }, (_, i) =>
    roundOf(i, 1, [
      {
        name: 'GET /',
        ms: Array.from({ length: perRound + (i % 3) }, (_, k) => 5 + (k % 10)),
        errors,
      },
    ]),
  );
}

function memoryStore(): BaselineStore & { entries: BaselineEntry[] } {
  const entries: BaselineEntry[] = [];
  return {
    entries,
    description: 'memory',
    read: (name) =>
      Promise.resolve({
        series: entries.length > 0 ? { schema: 1, name, entries: [...entries] } : null,
        warning: null,
      }),
    append: (_name, entry) => {
      entries.push(entry);
      return Promise.resolve();
    },
  };
}

interface Harness {
  deps: RunDeps & { log: ReturnType<typeof memoryLogger> };
  store: ReturnType<typeof memoryStore>;
  calls: { stored: number; base: string[] };
}

function harness(
  over: {
    stored?: () => Measurement;
    base?: (config: Config) => BaseMeasured;
  } = {},
): Harness {
  const store = memoryStore();
  const calls: Harness['calls'] = { stored: 0, base: [] };
  const deps = {
    log: memoryLogger(),
    env: {},
    signal: new AbortController().signal,
    store,
    now: () => new Date('2026-12-01T00:00:00Z'),
    measure: () => {
      calls.stored++;
      return Promise.resolve(
        over.stored ? over.stored() : { rounds: rounds(5, 200), server: null },
      );
    },
    measureBase: (config: Config, ref: string) => {
      calls.base.push(ref);
      if (!over.base)
        return Promise.reject(new BaseUnavailable('the base could not be started: boom'));
      return Promise.resolve(over.base(config));
    },
  };
  return { deps, store, calls };
}

/** An A/B measurement in which head runs at `speed` times the base's throughput. */
function abResult(config: Config, speed: number): BaseMeasured {
  const plan = planAB(config.load, { blocks: 6, roundMs: 1000 });
  const side = (s: number) => ({
    rounds: rounds(6, Math.round(200 * s)),
    server: { mode: 'spawn' as const, workerCount: 1, mainPids: [1], events: [], samples: [] },
  });
  return {
    measured: {
      base: side(1),
      head: side(speed),
      looks: [{ blocks: 6, alpha: 0.05 }],
      maxBlocks: 6,
      bootPairs: [{ base: [], head: [] }],
      stageSeconds: 40,
    },
    plan,
    commit: 'b'.repeat(40),
    warnings: [],
  };
}

const server = minimal('');
const auto = parse(server);
const options = { updateBaseline: false, commit: 'c'.repeat(40) };

test('compare: auto with a base ref: measured against the base on this runner, no stored run', async () => {
  const h = harness({ base: (c) => abResult(c, 0.5) });
  const outcome = await run(auto, { ...options, baseRef: 'main', baseRefOrigin: 'test' }, h.deps);
  assert.deepEqual(h.calls, { stored: 0, base: ['main'] });
  assert.equal(outcome.report.verdict, 'regression', outcome.report.summary);
  assert.equal(outcome.exitCode, ExitCode.regression);
  assert.equal(outcome.report.baseline?.commit, 'b'.repeat(40));
  assert.ok(h.deps.log.lines.some((l) => /compare: auto: against base main \(test\)/.test(l)));
  assert.equal(h.store.entries.length, 0, 'A/B never appends to the stored history');
});

test('compare: auto without a base: stored mode, with the reason in the log only', async () => {
  const h = harness();
  const outcome = await run(auto, options, h.deps);
  assert.deepEqual(h.calls, { stored: 1, base: [] });
  assert.equal(outcome.report.verdict, 'no-baseline');
  assert.deepEqual(outcome.report.warnings, []);
  assert.ok(h.deps.log.lines.some((l) => /compare: auto: no base commit to compare with/.test(l)));
});

test('compare: base without a base: stored mode, with a warning first', async () => {
  const h = harness();
  const outcome = await run(
    parse(minimal('compare: base\n')),
    { ...options, baseRef: '  ' },
    h.deps,
  );
  assert.deepEqual(h.calls, { stored: 1, base: [] });
  assert.match(outcome.report.warnings[0] ?? '', /^compare: base: no base commit to compare with/);
  assert.match(outcome.report.warnings[0] ?? '', /compared with the stored baseline instead$/);
});

test('the base fails: stored mode against the history read once, with the reason first', async () => {
  const h = harness();
  h.store.entries.push(storedEntry(), storedEntry());
  const outcome = await run(auto, { ...options, baseRef: 'main' }, h.deps);
  assert.deepEqual(h.calls, { stored: 1, base: ['main'] });
  assert.match(
    outcome.report.warnings[0] ?? '',
    /^compare: auto: the base could not be started: boom; compared with the stored baseline instead$/,
  );
  assert.equal(outcome.report.baseline?.entries, 2);
});

test('compare: stored ignores the base ref', async () => {
  const h = harness({ base: (c) => abResult(c, 0.5) });
  await run(parse(minimal('compare: stored\n')), { ...options, baseRef: 'main' }, h.deps);
  assert.deepEqual(h.calls, { stored: 1, base: [] });
});

test('updating the baseline under auto measures in stored mode and appends', async () => {
  const h = harness({ base: (c) => abResult(c, 1) });
  await run(auto, { ...options, baseRef: 'main', updateBaseline: true }, h.deps);
  assert.deepEqual(h.calls, { stored: 1, base: [] });
  assert.equal(h.store.entries.length, 1);
  assert.equal(h.store.entries[0]?.commit, 'c'.repeat(40));
});

test('a run in which every request failed is an error report, never stored', async () => {
  const h = harness({ stored: () => ({ rounds: rounds(3, 50, 60), server: null }) });
  const outcome = await run(auto, { ...options, updateBaseline: true }, h.deps);
  assert.equal(h.store.entries.length, 0);
  assert.equal(outcome.report.verdict, 'error');
  assert.equal(outcome.exitCode, ExitCode.server);
  assert.equal(outcome.report.failure?.code, 'LG_ALL_FAILED');
  assert.match(outcome.report.summary, /^The server failed under load: every request failed/);
  assert.equal(outcome.report.metrics.p95.change, null, 'no change against a zero');
});

test('a round without a single success: a warning, and the run is not stored', async () => {
  const h = harness({
    stored: () => {
      const rs = rounds(3, 50);
      rs[1] = rounds(3, 50, 60)[1] as RoundResult;
      return { rounds: rs, server: null };
    },
  });
  const outcome = await run(auto, { ...options, updateBaseline: true }, h.deps);
  assert.equal(h.store.entries.length, 0);
  assert.ok(
    outcome.report.warnings.some((w) =>
      /^1 round without a single successful request \(round 2\)/.test(w),
    ),
    outcome.report.warnings.join('\n'),
  );
});

test('a server failure is a report with the phase, code and log tail; exit code kept', async () => {
  const h = harness();
  const died = 'the server died during the load test: worker 0 exited with code 1';
  h.deps.measure = () =>
    Promise.reject(
      new ServerError(died, {
        code: 'LG_SERVER_DIED',
        details: ['Last lines of worker 0:', 'boom'],
      }),
    );
  const outcome = await run(auto, options, h.deps);
  assert.equal(outcome.exitCode, ExitCode.server);
  assert.equal(outcome.report.verdict, 'error');
  assert.deepEqual(outcome.report.failure, {
    phase: 'load',
    code: 'LG_SERVER_DIED',
    message: died,
    details: ['Last lines of worker 0:', 'boom'],
  });
  h.deps.measure = () =>
    Promise.reject(new ServerError('setup failed', { code: 'LG_SETUP_FAILED' }));
  assert.equal((await run(auto, options, h.deps)).report.failure?.phase, 'setup');
});

test('a config mistake or an internal error is not a run result: it still throws', async () => {
  const h = harness();
  h.deps.measure = () => Promise.reject(new ConfigError('bad', { code: 'LG_CONFIG' }));
  await assert.rejects(run(auto, options, h.deps), /bad/);
  h.deps.measure = () => Promise.reject(new Error('bug'));
  await assert.rejects(run(auto, options, h.deps), /bug/);
});

test('interrupted: exit 130 with a report, whatever error the interrupt surfaced as', async () => {
  const h = harness();
  const abort = new AbortController();
  h.deps.signal = abort.signal;
  h.deps.measure = () => {
    abort.abort();
    return Promise.reject(new ServerError('server boot interrupted', { code: 'LG_ABORTED' }));
  };
  const outcome = await run(auto, options, h.deps);
  assert.equal(outcome.exitCode, ExitCode.interrupted);
  assert.equal(outcome.report.failure?.phase, 'interrupted');
});

test('exit codes: regression 1, inconclusive 0 unless fail-on: inconclusive, crash 3', async () => {
  const slow = harness({ base: (c) => abResult(c, 0.5) });
  const ab = { ...options, baseRef: 'main' };
  assert.equal((await run(auto, ab, slow.deps)).exitCode, ExitCode.regression);
  // Identical sides: the paired differences are all zero, so the interval is a point: pass.
  const same = harness({ base: (c) => abResult(c, 1) });
  const pass = await run(auto, ab, same.deps);
  assert.equal(pass.report.verdict, 'pass', pass.report.summary);
  assert.equal(pass.exitCode, ExitCode.pass);
  const crashed = harness({
    base: (c) => {
      const r = abResult(c, 1);
      r.measured.head.server.events = [
        {
          kind: 'crash',
          at: 0,
          worker: 0,
          pid: 2,
          exitCode: 1,
          signal: null,
          recoveryMs: 10,
          lastLines: [],
        },
      ];
      return r;
    },
  });
  assert.equal((await run(auto, ab, crashed.deps)).exitCode, ExitCode.server);
});

/** A stored entry of this scenario on this runner, like the default stored measurement. */
function storedEntry(): BaselineEntry {
  const rs = rounds(5, 200);
  return {
    createdAt: '2026-11-30T00:00:00.000Z',
    commit: 'a'.repeat(40),
    scenarioHash: scenarioFingerprint(auto),
    runner: runnerFingerprint(),
    versions: {},
    quantileMethod: '',
    rounds: rs.map((r) => ({ rps: r.rps, p50: 7, p95: 13, p99: 14, errorRate: 0 })),
    endpoints: [],
    histogram: '',
  };
}
