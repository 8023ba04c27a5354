// Golden reports: the same inputs give byte-for-byte the same JSON report (and the same terminal
// text and Markdown). Fixed, seeded inputs go through the pure builders the pipeline uses
// (currentFigures -> compare -> buildReport / failureReport -> renderJson, renderText,
// renderMarkdown) with a fixed clock, runner and versions; the output is compared with the files
// in test/fixtures/golden/.
//
// A deliberate change of the report (a new field, a reworded summary, a statistics change) is
// accepted by regenerating the files and reviewing their diff:
//
//   UPDATE_GOLDEN=1 node scripts/test.mjs test/unit/pipeline/golden-report.test.ts
//   git diff test/fixtures/golden/
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Config } from '../../../src/config/types.js';
import type { BaselineEntry } from '../../../src/baseline/types.js';
import type { RoundResult } from '../../../src/load/types.js';
import type { Report, RunnerFingerprint } from '../../../src/report/types.js';
import { renderJson, renderMarkdown, renderText } from '../../../src/report/index.js';
import { compare, currentFigures, meanSteal, seededRandom } from '../../../src/stats/index.js';
import { buildReport } from '../../../src/pipeline/build-report.js';
import { everyRequestFailed, failureReport } from '../../../src/pipeline/failure.js';
import { buildServerReport, type ServerRecord } from '../../../src/pipeline/server-report.js';
import { parse, minimal } from '../config/helpers.js';
import { entryOf, normalSource, roundOf } from '../stats/fixtures.js';

const GOLDEN = new URL('../../../test/fixtures/golden/', import.meta.url);
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const CREATED_AT = new Date('2026-05-01T10:00:00.000Z');
const COMMIT = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
const RUNNER: RunnerFingerprint = {
  cpuModel: 'AMD EPYC 7763 64-Core Processor',
  cores: 2,
  os: 'Linux 6.8.0-1021-azure x64',
  node: 'v20.20.2',
};
const VERSIONS = { loadgate: '0.1.0', node: 'v20.20.2', 'simple-statistics': '7.12.1' };
const ENDPOINTS = ['list items', 'item detail'] as const;

const config: Config = parse(
  minimal(
    [
      'name: items-api',
      'load:',
      '  connections: 16',
      '  rounds: 6',
      '  duration: 2s',
      '  warmup: 1s',
    ].join('\n') + '\n',
  ),
);

/**
 * Six seeded 2 s rounds over two endpoints; `speed` multiplies throughput and divides latency.
 * Round 2 has a few 503s, round 4 is generator-bound.
 */
function seededRounds(seed: number, speed: number, errors = 0): RoundResult[] {
  const rnd = seededRandom(seed);
  const normal = normalSource(seed + 1);
  return Array.from({ length: 6 }, (_, i) => {
    const parts = ENDPOINTS.map((name, e) => {
      const n = Math.round((400 - e * 120) * speed * (1 + 0.03 * (rnd() - 0.5)));
      const median = (e === 0 ? 6 : 9) / speed;
      const ms = Array.from({ length: n }, () => median * Math.exp(0.35 * normal()));
      return { name, ms, errors: errors > 0 ? n : i === 2 && e === 0 ? 3 : 0 };
    });
    const r = roundOf(i, 2, parts);
    if (errors > 0) {
      r.errorsByKind = { 'status:503': r.errors - 5, 'connect-refused': 5 };
    } else if (i === 2) {
      r.errorsByKind = { 'status:503': 3 };
      for (const e of r.endpoints) if (e.errors > 0) e.errorsByKind = { 'status:503': e.errors };
    }
    r.startedAt = 1_777_629_600_000 + i * 2500;
    r.generator.cpuShare = 0.41 + i * 0.01;
    if (i === 4) {
      r.generator.bound = true;
      r.generator.reason = 'generator used 97% of a core';
    }
    return r;
  });
}

/** Stored runs measured like the current one, each on a runner a little faster or slower. */
function seededHistory(n: number, seed: number): BaselineEntry[] {
  const runner = normalSource(seed);
  return Array.from({ length: n }, (_, k) => {
    const figures = currentFigures(seededRounds(seed + 100 * (k + 1), 1 + 0.02 * runner()));
    return entryOf(
      figures.rounds,
      figures.endpoints.map((e) => ({ name: e.name, rounds: e.rounds })),
      {
        createdAt: `2026-04-${String(20 + k).padStart(2, '0')}T09:00:00.000Z`,
        commit: `${String(k + 1).repeat(7)}${'f'.repeat(33)}`,
        versions: VERSIONS,
      },
    );
  });
}

const SERVER: ServerRecord = {
  mode: 'spawn',
  workerCount: 2,
  mainPids: [4101, 4102],
  events: [
    { kind: 'ready', at: 1_777_629_599_000, ms: 1240, workers: 2 },
    {
      kind: 'crash',
      at: 1_777_629_606_000,
      worker: 1,
      pid: 4102,
      exitCode: null,
      signal: 'SIGKILL',
      recoveryMs: 850,
      lastLines: ['[INFO] Booting worker', "KeyError: '<script>alert(1)</script>'"],
    },
    { kind: 'restart', at: 1_777_629_606_100, worker: 1, pid: 4103 },
  ],
  samples: [0, 1, 2].map((s) => ({
    at: 1_777_629_601_000 + s * 1000,
    system: { cpu: 0.8, steal: 0.03 + s * 0.01 },
    processes: [
      { pid: 4101, cpu: 0.9 - s * 0.01, rssBytes: 60_000_000 + s, pssBytes: 42_000_000 },
      { pid: 4102, cpu: 0.7 + s * 0.02, rssBytes: 58_000_000, pssBytes: null },
    ],
  })),
};

/** What run()'s stored mode builds, from fixed parts. */
function storedReport(rounds: RoundResult[], history: BaselineEntry[], warnings: string[]): Report {
  const figures = currentFigures(rounds);
  const newest = history.at(-1);
  return buildReport({
    config,
    rounds,
    roundMetrics: figures.rounds,
    comparison: compare({
      current: figures,
      baseline: history.length > 0 ? history : null,
      gate: config.gate,
      note: null,
      sameRunner: true,
      canCompareWithBase: true,
    }),
    server: buildServerReport(config, SERVER),
    steal: meanSteal(SERVER.samples),
    baseline: newest
      ? {
          entries: history.length,
          commit: newest.commit,
          createdAt: newest.createdAt,
          sameRunner: true,
          note: null,
        }
      : null,
    history,
    runner: RUNNER,
    versions: VERSIONS,
    createdAt: CREATED_AT,
    commit: COMMIT,
    warnings,
  });
}

const CASES: Record<string, () => Report> = {
  /** Six stored runs; this run is markedly slower: a regression with intervals. */
  'stored-regression': () => storedReport(seededRounds(11, 0.85), seededHistory(6, 21), []),
  /** Two stored runs (assumed spread); a small slowdown: inconclusive, with advice. */
  'stored-inconclusive': () =>
    storedReport(seededRounds(12, 0.96), seededHistory(2, 22), [
      'baseline store: a warning kept in the report',
    ]),
  /** The first run of a series. */
  'no-baseline': () => storedReport(seededRounds(13, 1), [], []),
  /** Every request failed: a failure report. */
  'all-failed': () => {
    const rounds = seededRounds(14, 1, 1);
    const failure = everyRequestFailed(rounds);
    assert.ok(failure, 'every request of the rounds failed');
    return failureReport({
      config,
      failure,
      rounds,
      runner: RUNNER,
      versions: VERSIONS,
      createdAt: CREATED_AT,
      commit: COMMIT,
      warnings: [],
    });
  },
};

function checkGolden(file: string, actual: string): void {
  const url = new URL(file, GOLDEN);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(url, actual);
    return;
  }
  assert.ok(existsSync(url), `${file} is missing: write it with UPDATE_GOLDEN=1`);
  const expected = readFileSync(url, 'utf8');
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = a.findIndex((l, i) => l !== e[i]);
  assert.fail(
    `${file} differs from the golden file at line ${line + 1}:\n` +
      `  expected: ${e[line] ?? '(end of file)'}\n  actual:   ${a[line] ?? '(end of file)'}\n` +
      'If the change is intended, regenerate with UPDATE_GOLDEN=1 and review the diff.',
  );
}

for (const [name, build] of Object.entries(CASES)) {
  test(`golden report ${name}: JSON, text and Markdown are byte-for-byte the committed files`, () => {
    const report = build();
    const json = renderJson(report);
    // The same inputs twice give the same bytes (no clock, no randomness, no key-order drift).
    assert.equal(renderJson(build()), json);
    checkGolden(`${name}.json`, json);
    checkGolden(`${name}.txt`, renderText(report, { width: 100 }));
    checkGolden(
      `${name}.md`,
      renderMarkdown(report, { runUrl: 'https://github.com/o/r/actions/runs/1' }),
    );
  });
}
