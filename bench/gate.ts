/**
 * `npm run bench:gate`: how often the gate is right. A fixture API (bench/fixtures/knob-api.mjs)
 * in a temporary git repository: c0 (the base), and one commit per case off c0: A/A (the same
 * code, a README change) or +N% (N% more CPU work per request: +5% and +10% by default; +43% is
 * a -30% RPS change). Each gate run is a real `run()` from boot to verdict with loadgate's
 * default load and gate settings:
 * - stored: a history of BENCH_HISTORY runs of c0 is stored first (separate boots), then each
 *   case is compared with it (not stored);
 * - auto: the default, compare: auto with the PR's base c0: same-runner A/B, checked out into
 *   a worktree by the run itself, extended sequentially while undecided (gate.max-time);
 * - fixed: the same A/B without the sequential extension.
 * - one-boot: A/B with every block on one boot of each side (as before boot pairs).
 * The cases alternate, and so do the modes, so slow drift of the shared machine hits all of
 * them alike. Prints one line per gate, then false-alarm, detection and inconclusive rates and
 * the wall time of one gate (boot to verdict).
 *
 * Env: BENCH_K (5) runs per case and mode, BENCH_HISTORY (5), BENCH_MODES (stored,auto; also
 * fixed, and an A/B layout as base:BLOCKSxROUND_MS, e.g. auto,base:10x3000), BENCH_CASES
 * (A/A,+5%,+10%), BENCH_EXAMPLE (knob, or django: examples/django-gunicorn with 1 uvicorn worker
 * under gunicorn and a CPU knob in the list view; BENCH_ITERATIONS default 20000 there),
 * BENCH_RPS_TOLERANCE (gate.rps, e.g. -2%),
 * BENCH_ITERATIONS (fixture work per request), BENCH_WARMUP / BENCH_DURATION / BENCH_ROUNDS
 * (loadgate's defaults unless set, e.g. 1s / 2s / 3 for a smoke run), BENCH_OUT (JSON results
 * file), BENCH_PREVIOUS (a results file of an earlier, interrupted run: its gates count in the
 * summary), BENCH_VERBOSE=1 (loadgate's log), BENCH_DJANGO_WORKERS (1), BENCH_LOCK (a file
 * to hold with flock around each gate, so another process's load tests never overlap one),
 * BENCH_BUSY (BUSY/IDLE seconds, e.g. 20/20: a process spins on one core for BUSY seconds, then
 * sleeps IDLE, all through the run; results are labelled with it, e.g. `auto busy 20/20`).
 * Wall time: about 4.5 K + H minutes with the defaults and both modes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Config } from '../src/config/types.js';
import type { Report } from '../src/report/types.js';
import { run, type RunDeps, type RunOptions } from '../src/pipeline/run.js';
import type { ABPlan } from '../src/pipeline/ab/index.js';
import {
  c0Missing,
  checkCases,
  git,
  holdLock,
  loadConfig,
  logger,
  makeRepo,
  median,
  pct,
  type Case,
} from './gate-repo.js';
import { parseBusy, startBusyCore } from './busy-core.js';

const K = Number(process.env.BENCH_K ?? 5);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 5);
/** `stored`, `base`, or `base:BLOCKSxROUND_MS` to try another A/B layout (e.g. base:10x3000). */
const MODES = (process.env.BENCH_MODES ?? 'stored,auto').split(',');
const CASES = (process.env.BENCH_CASES ?? 'A/A,+5%,+10%').split(',');
checkCases(CASES);
const VERBOSE = process.env.BENCH_VERBOSE === '1';
/** `knob` (the Node fixture) or `django` (examples/django-gunicorn, 1 worker). */
const EXAMPLE = process.env.BENCH_EXAMPLE ?? 'knob';
/** gate.rps for every gate (default loadgate's -3%), e.g. -5% for the tolerance before issue 11. */
const TOLERANCE = process.env.BENCH_RPS_TOLERANCE ?? null;
const OUT = process.env.BENCH_OUT ?? join(os.tmpdir(), `loadgate-bench-gate-${Date.now()}.json`);

/** gunicorn workers in the Django example. */
const DJANGO_WORKERS = Number(process.env.BENCH_DJANGO_WORKERS ?? 1);
/** Held around each gate (flock), so no other load test overlaps it. */
const LOCK = process.env.BENCH_LOCK ?? null;
/** A neighbour that keeps one core busy part of the time (BENCH_BUSY=BUSY/IDLE seconds). */
const BUSY = parseBusy(process.env.BENCH_BUSY);
/** The busy neighbour stops by itself after this long, even if this process is killed hard. */
const BUSY_MAX_MS = 4 * 3600_000;
interface Result {
  mode: string;
  case: Case;
  verdict: Report['verdict'];
  rpsChange: number | null;
  interval: [number, number] | null;
  /** Absent in results from older versions of this bench. */
  p95Change?: number | null;
  rpsVerdict?: Report['verdict'];
  p95Verdict?: Report['verdict'];
  rpsCv: number | null;
  minDetectable: number | null;
  /** Mean steal share during the load (report.noise.steal). */
  steal?: number | null;
  wallSeconds: number;
  /** A/B blocks the verdict rests on (absent in older results). */
  blocks?: number | null;
  fellBack: boolean;
  load: number;
}

function abPlan(mode: string): Partial<ABPlan> | null {
  if (mode === 'auto') return {};
  if (mode === 'fixed') return { sequential: false };
  // Before boot pairs: every block on one boot of each side (for comparison).
  if (mode === 'one-boot') return { blocks: 12, bootBlocks: 12 };
  const m = /^base:(\d+)x(\d+)$/.exec(mode);
  if (m) return { blocks: Number(m[1]), roundMs: Number(m[2]) };
  if (mode === 'stored') return null;
  throw new Error(
    `BENCH_MODES: unknown mode "${mode}" (stored, auto, fixed, one-boot or base:BLOCKSxROUND_MS)`,
  );
}

/** One gate as run() does it, with an A/B layout override when the mode names one. */
function gate(config: Config, mode: string, options: RunOptions, deps: RunDeps) {
  const plan = abPlan(mode);
  if (plan === null) return run({ ...config, compare: 'stored' }, options, deps);
  return run({ ...config, compare: 'auto' }, options, { ...deps, ab: { plan } });
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(os.tmpdir(), 'loadgate-bench-gate-'));
  const abort = new AbortController();
  // Interrupted: the running gate stops its servers and worktree, then the folder is removed.
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const repo = makeRepo(root, {
    example: EXAMPLE,
    cases: CASES,
    tolerance: TOLERANCE,
    djangoWorkers: DJANGO_WORKERS,
  });
  const env = { ...process.env };
  const deps = { log: logger(VERBOSE), env, signal: abort.signal };
  const config = (): Config => loadConfig(repo.dir, env);
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const busyLabel = BUSY ? ` busy ${process.env.BENCH_BUSY}` : '';
  console.log(
    `bench:gate: ${EXAMPLE}, K=${K}, history=${HISTORY}, modes=${MODES.join(',')}, cases=${CASES.join(',')}${TOLERANCE ? `, gate.rps ${TOLERANCE}` : ''}${busyLabel}; ${cpu}, ${os.availableParallelism()} cores, Node ${process.version}; load average ${os.loadavg()[0]?.toFixed(2)}`,
  );
  const started = Date.now();
  const results: Result[] = [];
  const previous: Result[] = process.env.BENCH_PREVIOUS
    ? (JSON.parse(readFileSync(process.env.BENCH_PREVIOUS, 'utf8')) as { results: Result[] })
        .results
    : [];
  if (previous.length > 0)
    console.log(`including ${previous.length} gates from ${process.env.BENCH_PREVIOUS}`);
  const busy = BUSY ? startBusyCore({ ...BUSY, maxMs: BUSY_MAX_MS }) : null;
  try {
    if (MODES.includes('stored')) {
      git(repo.dir, 'checkout', '--quiet', repo.c0);
      for (let h = 0; h < HISTORY; h++) {
        const release = await holdLock(LOCK);
        const t = Date.now();
        const { report } = await gate(
          config(),
          'stored',
          { updateBaseline: true, commit: repo.c0 },
          deps,
        ).finally(release);
        if (abort.signal.aborted) throw new Error('interrupted');
        console.log(
          `history ${h + 1}/${HISTORY}: ${report.metrics.rps.current.toFixed(0)} req/s, p95 ${report.metrics.p95.current.toFixed(2)} ms (${((Date.now() - t) / 1000).toFixed(0)} s)`,
        );
      }
    }
    for (let i = 0; i < K; i++) {
      for (const mode of MODES) {
        for (const kase of CASES) {
          const head = repo.heads[kase] ?? c0Missing(kase);
          git(repo.dir, 'checkout', '--quiet', head);
          const release = await holdLock(LOCK);
          const t = Date.now();
          const { report } = await gate(
            config(),
            mode,
            { updateBaseline: false, commit: head, baseRef: mode === 'stored' ? null : repo.c0 },
            deps,
          ).finally(release);
          // Interrupted: run() returns an error report for the gate it stopped; not a result.
          if (abort.signal.aborted) throw new Error('interrupted');
          const r: Result = {
            mode: `${mode}${busyLabel}`,
            case: kase,
            verdict: report.verdict,
            rpsChange: report.metrics.rps.change,
            interval: report.metrics.rps.interval,
            p95Change: report.metrics.p95.change,
            rpsVerdict: report.metrics.rps.verdict,
            p95Verdict: report.metrics.p95.verdict,
            rpsCv: report.noise.rpsCv,
            minDetectable: report.noise.minDetectableRpsChange,
            steal: report.noise.steal,
            wallSeconds: (Date.now() - t) / 1000,
            blocks: mode === 'stored' ? null : (report.baseline?.entries ?? null),
            fellBack: report.warnings.some((w) =>
              /^compare: \w+: .*stored baseline instead/.test(w),
            ),
            load: os.loadavg()[0] ?? NaN,
          };
          results.push(r);
          const iv = r.interval ? ` [${pct(r.interval[0])}, ${pct(r.interval[1])}]` : '';
          console.log(
            `${i + 1}/${K} ${mode.padEnd(12)} ${kase.padEnd(4)} ${r.verdict.padEnd(12)} RPS ${pct(r.rpsChange)}${iv} ${r.rpsVerdict} p95 ${pct(r.p95Change ?? null)} ${r.p95Verdict} ` +
              `cv ${pct(r.rpsCv)} mdc ${pct(r.minDetectable)}${r.blocks ? ` ${r.blocks} blocks` : ''} ${r.wallSeconds.toFixed(0)} s load ${r.load.toFixed(1)} steal ${pct(r.steal ?? null)}${r.fellBack ? ' FELL BACK' : ''}`,
          );
          writeFileSync(
            OUT,
            JSON.stringify({ K, HISTORY, cpu, node: process.version, results }, null, 2),
          );
        }
      }
    }
  } catch (e) {
    // Interrupted (SIGINT/SIGTERM): the gates finished so far still make a summary.
    if (!abort.signal.aborted) throw e;
    console.log(`interrupted: ${(e as Error).message}`);
  } finally {
    busy?.stop();
    rmSync(root, { recursive: true, force: true });
  }
  console.log(`\ntotal ${((Date.now() - started) / 60000).toFixed(1)} min; results in ${OUT}\n`);
  console.log(
    '| mode | case | runs | regression | inconclusive | pass | median RPS change | median min. detectable | wall median (max) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const all = [...previous, ...results];
  for (const mode of [
    ...new Set([...MODES.map((m) => `${m}${busyLabel}`), ...previous.map((r) => r.mode)]),
  ]) {
    for (const kase of CASES) {
      const rs = all.filter((r) => r.mode === mode && r.case === kase);
      if (rs.length === 0) continue;
      const count = (v: Report['verdict']) => rs.filter((r) => r.verdict === v).length;
      const walls = rs.map((r) => r.wallSeconds);
      console.log(
        `| ${mode} | ${kase} | ${rs.length} | ${count('regression')} | ${count('inconclusive')} | ${count('pass')} | ` +
          `${pct(median(rs.map((r) => r.rpsChange ?? NaN)))} | ${pct(median(rs.map((r) => r.minDetectable ?? NaN)))} | ` +
          `${median(walls).toFixed(0)} s (${Math.max(...walls).toFixed(0)} s) |`,
      );
    }
  }
}

await main();
