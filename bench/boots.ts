/**
 * `npm run bench:boots`: how much two boots of the same code differ, the figure behind
 * stats/boot-level.ts's ASSUMED_BOOT_SPREAD. Runs one A/A measurement (the same code on both
 * sides) as BENCH_PAIRS boot pairs of BENCH_BLOCKS blocks each, with loadgate's A/B machinery
 * and default load settings, then splits the variance of the per-block log ratios (head/base)
 * into the blocks' noise and the boot pairs' (one-way random-effects ANOVA):
 * sd(boot) = sqrt(max(0, var(pair means) - within² / blocks)).
 *
 * Env: BENCH_EXAMPLE (knob, or django), BENCH_DJANGO_WORKERS (1), BENCH_PAIRS (8),
 * BENCH_BLOCKS (4), BENCH_LOCK (a file to hold with flock, so no other load test overlaps),
 * BENCH_VERBOSE=1, BENCH_OUT (JSON results file). About 35 s a boot pair with the defaults.
 *
 * BENCH_CONDITION tests a suspected cause of boot-to-boot spread by removing it:
 *  - `free` (the default): as loadgate runs;
 *  - `split`: both servers pinned to the last CPU (`taskset -c`) and the load generator (this
 *    process, every thread) to the others, so they never share or trade a CPU;
 *  - `no-aslr`: both servers under `setarch -R`, the same memory layout in every boot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { measureAgainstBase } from '../src/pipeline/ab/index.js';
import { roundMetrics } from '../src/stats/index.js';
import { mean, variance } from '../src/stats/describe.js';
import { bootLevelTest, ASSUMED_BOOT_SPREAD } from '../src/stats/boot-level.js';
import { git, holdLock, loadConfig, logger, makeRepo, pct } from './gate-repo.js';

const EXAMPLE = process.env.BENCH_EXAMPLE ?? 'knob';
const WORKERS = Number(process.env.BENCH_DJANGO_WORKERS ?? 1);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 8);
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 4);
const LOCK = process.env.BENCH_LOCK ?? null;
const CONDITION = process.env.BENCH_CONDITION ?? 'free';
if (!['free', 'split', 'no-aslr'].includes(CONDITION)) {
  console.error(`bench:boots: BENCH_CONDITION must be free, split or no-aslr, got "${CONDITION}"`);
  process.exit(2);
}
const OUT = process.env.BENCH_OUT ?? join(os.tmpdir(), `loadgate-bench-boots-${Date.now()}.json`);

interface Components {
  pairMeans: number[];
  /** Standard deviation of one block's difference within a boot pair (pooled). */
  withinSd: number;
  /** Standard deviation of the pairs' means, and what the blocks' noise alone would give. */
  pairMeansSd: number;
  expectedFromBlocks: number;
  /** The boot-to-boot component (0 when the pairs agree as the blocks predict). */
  bootSd: number;
}

function components(diffs: number[][]): Components {
  const pairMeans = diffs.map(mean);
  const withinSs = diffs.reduce(
    (s, d, i) => s + d.reduce((a, x) => a + (x - (pairMeans[i] as number)) ** 2, 0),
    0,
  );
  const within = withinSs / (diffs.flat().length - diffs.length);
  const between = variance(pairMeans);
  return {
    pairMeans,
    withinSd: Math.sqrt(within),
    pairMeansSd: Math.sqrt(between),
    expectedFromBlocks: Math.sqrt(within / BLOCKS),
    bootSd: Math.sqrt(Math.max(0, between - within / BLOCKS)),
  };
}

/**
 * The server command's prefix under BENCH_CONDITION (in loadgate.yml, so that both sides get it:
 * the base's server section comes from the base commit), pinning this process for `split`.
 */
function conditionPrefix(): string {
  if (CONDITION === 'no-aslr') return `setarch ${os.machine()} -R `;
  if (CONDITION !== 'split') return '';
  const last = os.availableParallelism() - 1;
  const others = Array.from({ length: last }, (_, i) => i).join(',');
  execFileSync('/usr/bin/taskset', ['-a', '-p', '-c', others, String(process.pid)], {
    stdio: 'ignore',
  });
  return `taskset -c ${last} `;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(os.tmpdir(), 'loadgate-bench-boots-'));
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const label = EXAMPLE === 'django' ? `django (${WORKERS} worker(s))` : EXAMPLE;
  console.log(
    `bench:boots: ${label}, ${PAIRS} boot pairs x ${BLOCKS} blocks, A/A, ${CONDITION}; ${cpu}, ${os.availableParallelism()} cores, Node ${process.version}; load average ${os.loadavg()[0]?.toFixed(2)}`,
  );
  try {
    const repo = makeRepo(root, {
      example: EXAMPLE,
      cases: ['A/A'],
      tolerance: null,
      djangoWorkers: WORKERS,
      commandPrefix: conditionPrefix(),
    });
    git(repo.dir, 'checkout', '--quiet', repo.heads['A/A'] ?? repo.c0);
    const env = { ...process.env };
    const release = await holdLock(LOCK);
    const started = Date.now();
    const { measured } = await measureAgainstBase(
      loadConfig(repo.dir, env),
      repo.c0,
      { log: logger(process.env.BENCH_VERBOSE === '1'), env, signal: abort.signal },
      { plan: { blocks: PAIRS * BLOCKS, bootBlocks: BLOCKS, sequential: false } },
    ).finally(release);
    const seconds = (Date.now() - started) / 1000;
    const metrics = ['rps', 'p95'] as const;
    const perBlock = (m: (typeof metrics)[number]) =>
      measured.head.rounds.map((h, i) => {
        const b = measured.base.rounds[i];
        if (!b) throw new Error(`block ${i}: no base round`);
        return Math.log(roundMetrics(h)[m] / roundMetrics(b)[m]);
      });
    const result: Record<string, unknown> = {
      example: label,
      condition: CONDITION,
      pairs: PAIRS,
      blocks: BLOCKS,
      cpu,
      node: process.version,
      seconds,
    };
    for (const m of metrics) {
      const d = perBlock(m);
      const byPair = Array.from({ length: PAIRS }, (_, p) => d.slice(p * BLOCKS, (p + 1) * BLOCKS));
      const c = components(byPair);
      const test = bootLevelTest(
        d,
        d.map((_, i) => Math.floor(i / BLOCKS)),
        ASSUMED_BOOT_SPREAD,
      );
      result[m] = { ...c, test };
      console.log(
        `${m}: pair means ${c.pairMeans.map((x) => pct(x)).join(' ')}; block sd ${pct(c.withinSd)}, ` +
          `pair means sd ${pct(c.pairMeansSd)} (blocks alone: ${pct(c.expectedFromBlocks)}), boot sd ${pct(c.bootSd)}; ` +
          `boot-level test: ${pct(test?.interval.estimate ?? null)} [${pct(test?.interval.low ?? null)}, ${pct(test?.interval.high ?? null)}]${test?.bootsDominate ? ' (boot pairs dominate)' : ''}`,
      );
    }
    console.log(`${seconds.toFixed(0)} s; results in ${OUT}`);
    writeFileSync(OUT, JSON.stringify(result, null, 2));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
