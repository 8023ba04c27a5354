/**
 * `npm run bench:seeds`: does Python's per-process hash seed move the Django example's
 * throughput? A lead from bench:boots (Django's boot pairs differ more than their blocks on a
 * shared VM), tested directly: the bench's Django example (1 uvicorn worker under gunicorn, the
 * CPU knob of bench:gate) is booted BENCH_REPS times with each of 8 fixed PYTHONHASHSEED values,
 * the seeds in a shuffled order in every repetition, and measured with wrk (2 s warm-up, 4 s
 * measured, 16 connections, one thread). An analysis of variance of log RPS (seeds by
 * repetition) then splits the spread into the seeds' part and the boots' part (with a seed
 * fixed): F near 1 means the seed adds nothing beyond another boot.
 *
 * Env: BENCH_REPS (3), BENCH_LOCK (a file to hold with flock for the whole run). Needs wrk.
 * About 10 s a boot.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { mean, variance } from '../src/stats/describe.js';
import { fUpperP } from '../src/stats/tdist.js';
import { waitReady } from '../src/supervisor/readiness.js';
import { holdLock, makeRepo } from './gate-repo.js';
import { wrk } from './wrk.js';

const SEEDS = ['11', '22', '33', '44', '55', '66', '77', '88'];
const REPS = Number(process.env.BENCH_REPS ?? 3);
const LOCK = process.env.BENCH_LOCK ?? null;
// With one boot per seed nothing is left to compare the seeds with.
if (!Number.isInteger(REPS) || REPS < 2) {
  console.error(
    `bench:seeds: BENCH_REPS must be a whole number >= 2, got ${process.env.BENCH_REPS}`,
  );
  process.exit(2);
}

/** Until gunicorn answers /health, for at most 30 s (the supervisor's own readiness probe). */
async function ready(port: number, exited: AbortSignal): Promise<void> {
  const url = `http://127.0.0.1:${port}/health`;
  const outcome = await waitReady(url, { status: 200, successes: 1 }, Date.now() + 30_000, exited);
  if (outcome.kind !== 'ready')
    throw new Error(`gunicorn on port ${port} was not ready (${outcome.kind})`);
}

/**
 * Two-way analysis of variance of log RPS, seeds by repetition (each repetition boots every seed
 * once, so it is a block: the machine's drift between repetitions is taken out before the seeds
 * are compared with the boots that remain).
 */
function seedEffect(rpsBySeed: readonly number[][]): string {
  const logs = rpsBySeed.map((xs) => xs.map(Math.log));
  const seeds = logs.length;
  const reps = logs[0]?.length ?? 0;
  const grand = mean(logs.flat());
  const seedMeans = logs.map((xs) => mean(xs));
  const repMeans = Array.from({ length: reps }, (_, r) => mean(logs.map((xs) => xs[r] as number)));
  let residual = 0;
  logs.forEach((xs, s) =>
    xs.forEach((x, r) => {
      residual += (x - (seedMeans[s] as number) - (repMeans[r] as number) + grand) ** 2;
    }),
  );
  const df = [seeds - 1, (seeds - 1) * (reps - 1)] as const;
  const within = residual / df[1];
  const between = reps * variance(seedMeans);
  const f = between / within;
  const seedSd = Math.sqrt(Math.max(0, (between - within) / reps));
  return (
    `repetition means ${repMeans.map((m) => Math.exp(m).toFixed(0)).join(', ')} req/s; ` +
    `boots with one seed: sd ${(100 * Math.sqrt(within)).toFixed(2)}% (drift between repetitions removed); ` +
    `seeds: F ${f.toFixed(2)} (${df[0]}, ${df[1]}), p ${fUpperP(f, df[0], df[1]).toFixed(3)}, ` +
    `seed component sd ${(100 * seedSd).toFixed(2)}%`
  );
}

/** A seeded shuffle, so that every run boots the seeds in the same orders. */
function shuffled<T>(xs: readonly T[], state: { s: number }): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    state.s = (state.s * 1103515245 + 12345) & 0x7fffffff;
    const j = state.s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(os.tmpdir(), 'loadgate-bench-seeds-'));
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  console.log(
    `bench:seeds: django (1 worker), ${SEEDS.length} seeds x ${REPS} boots; ${cpu}, ${os.availableParallelism()} cores; load average ${os.loadavg()[0]?.toFixed(2)}`,
  );
  const release = await holdLock(LOCK);
  try {
    const repo = makeRepo(root, { example: 'django', cases: ['A/A'], tolerance: null });
    const { PYTHONHASHSEED: _inherited, ...inherited } = process.env;
    const env = { ...inherited, DJANGO_SETTINGS_MODULE: 'itemsapi.settings' };
    execFileSync('/usr/bin/python3', ['manage.py', 'migrate', '--noinput'], {
      cwd: repo.dir,
      env,
      stdio: 'ignore',
    });
    const rps = new Map<string, number[]>(SEEDS.map((s) => [s, []]));
    const order = { s: 12345 };
    let port = 18_100;
    // An interrupted bench leaves no gunicorn behind.
    let running: ReturnType<typeof spawn> | null = null;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        running?.kill('SIGTERM');
        process.exit(130);
      });
    }
    for (let rep = 0; rep < REPS; rep++) {
      for (const seed of shuffled(SEEDS, order)) {
        port++;
        const child = spawn(
          'gunicorn',
          [
            'itemsapi.asgi:application',
            ...['-k', 'uvicorn.workers.UvicornWorker', '-w', '1', '--bind', `127.0.0.1:${port}`],
          ],
          {
            cwd: repo.dir,
            env: { ...env, PYTHONHASHSEED: seed },
            stdio: 'ignore',
          },
        );
        running = child;
        const gone = new AbortController();
        const exited = new Promise((resolve) => child.once('exit', resolve)).then(() =>
          gone.abort(),
        );
        try {
          await ready(port, gone.signal);
          const url = `http://127.0.0.1:${port}/api/items`;
          await wrk(url, 16, 2);
          const measured = await wrk(url, 16, 4);
          rps.get(seed)?.push(measured);
          console.log(`boot ${rep + 1} of seed ${seed}: ${measured.toFixed(0)} req/s`);
        } finally {
          child.kill('SIGTERM');
          await exited;
        }
      }
    }
    console.log(seedEffect([...rps.values()]));
  } finally {
    release();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
