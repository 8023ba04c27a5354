/**
 * `npm run bench:engine`: loadgate's engine against wrk and autocannon, same machine, same run.
 * Not a test: it prints a Markdown table (figures are rough on a shared machine).
 *
 *  - closed model, 64 connections, trivial server (in its own process): CPU per request of the
 *    generator (user+sys) and RPS; medians of BENCH_REPS repetitions (default 3), interleaved;
 *  - open model against a 20 ms server at 100 req/s: p50 (target 19.5-23 ms);
 *  - the same with a 1 s freeze mid-run: p99 from the due time (target >= 400 ms) vs service p99;
 *  - RSS of the engine over BENCH_REQUESTS requests (default 300,000; the target is < 150 MB
 *    over 2,000,000);
 *  - shards: BENCH_SHARDS (default 2) `--shard I/N` processes started on one wall-clock time
 *    against the same server, their RPS summed, vs one process with that many threads (target:
 *    within 5%). BENCH_ONLY=shards runs this row alone.
 * loadgate and autocannon run in child processes that measure their own CPU around the measured
 * part only (after a warm-up); wrk's CPU is its whole run from bash's `times` (its start-up is
 * negligible). Env: BENCH_SECONDS (default 5), BENCH_REPS, BENCH_REQUESTS.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runLoad } from '../src/load/index.js';
import { decodeHistogram, summarize } from '../src/load/histogram.js';
import { request, testConfig } from '../test/integration/load/config.js';

const SELF = fileURLToPath(import.meta.url);
const SERVER = fileURLToPath(new URL('../test/support/servers/fast-server.ts', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300_000);
const CONNECTIONS = 64;
const WRK = '/usr/bin/wrk';

interface Closed {
  rps: number;
  usPerRequest: number;
}

// ---------------------------------------------------------------- children (measured side)

async function childLoadgate(url: string): Promise<Closed> {
  const config = testConfig(
    { connections: CONNECTIONS, warmupMs: 1000, durationMs: SECONDS * 1000, timeoutMs: 10_000 },
    [request({ path: '/fast' })],
  );
  const [round] = await runLoad({ config, targets: [url], env: {} });
  if (!round) throw new Error('no round');
  return {
    rps: round.rps,
    usPerRequest: (round.generator.cpuShare * round.seconds * 1e6) / round.requests,
  };
}

type Autocannon = (
  opts: Record<string, unknown>,
) => Promise<{ requests: { total: number }; duration: number }>;

async function childAutocannon(url: string): Promise<Closed> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  await autocannon({ url: `${url}/fast`, connections: CONNECTIONS, duration: 1 });
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const r = await autocannon({ url: `${url}/fast`, connections: CONNECTIONS, duration: SECONDS });
  const used = process.cpuUsage(cpu);
  const secs = (performance.now() - t0) / 1000;
  return {
    rps: r.requests.total / secs,
    usPerRequest: (used.user + used.system) / r.requests.total,
  };
}

async function childOpen(
  url: string,
  freeze: boolean,
): Promise<{ p50: number; p99: number; serviceP99: number; achieved: number }> {
  const durationMs = freeze ? 6000 : SECONDS * 1000;
  // 4 connections: twice what 100 req/s x 20 ms needs, so a freeze mostly queues in the generator.
  const config = testConfig(
    { model: 'open', rate: 100, connections: 4, warmupMs: 1000, durationMs },
    [request({ path: '/delay/20' })],
  );
  let timer: NodeJS.Timeout | null = null;
  const progress = {
    onPhase: (phase: string) => {
      if (phase === 'round' && freeze)
        timer = setTimeout(() => void fetch(`${url}/__freeze/1000`), 2500);
    },
  };
  const [round] = await runLoad({ config, targets: [url], env: {}, progress });
  if (timer) clearTimeout(timer);
  if (!round) throw new Error('no round');
  const lat = summarize(decodeHistogram(round.latency));
  const svc = summarize(decodeHistogram(round.serviceTime));
  return {
    p50: lat.p50Ms,
    p99: lat.p99Ms,
    serviceP99: svc.p99Ms,
    achieved: round.generator.achievedRate ?? 0,
  };
}

async function childRss(
  url: string,
  rps: number,
): Promise<{ requests: number; startRssMb: number; maxRssMb: number }> {
  const rounds = 4;
  const durationMs = Math.max(1000, Math.ceil((REQUESTS / Math.max(rps, 1000) / rounds) * 1000));
  const config = testConfig({ connections: CONNECTIONS, warmupMs: 0, durationMs, rounds }, [
    request({ path: '/fast' }),
  ]);
  const startRss = process.memoryUsage().rss;
  let maxRss = startRss;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 100);
  const results = await runLoad({ config, targets: [url], env: {} });
  clearInterval(sampler);
  maxRss = Math.max(maxRss, process.memoryUsage().rss);
  const requests = results.reduce((n, r) => n + r.requests, 0);
  return { requests, startRssMb: startRss / 2 ** 20, maxRssMb: maxRss / 2 ** 20 };
}

const SHARDS = Number(process.env.BENCH_SHARDS ?? 2);

/** One process, `threads` worker threads, or shard `index/count` starting at `startAt`. */
async function childSpread(url: string, arg: string): Promise<{ rps: number }> {
  const [kind, a, b, c] = arg.split(':');
  const threads = kind === 'threads' ? Number(a) : 1;
  const config = testConfig(
    { connections: CONNECTIONS, warmupMs: 1000, durationMs: SECONDS * 1000, threads },
    [request({ path: '/fast' })],
  );
  const shard =
    kind === 'shard' ? { index: Number(a), count: Number(b), startAt: Number(c) } : null;
  const [round] = await runLoad({ config, targets: [url], env: {}, shard });
  if (!round) throw new Error('no round');
  return { rps: round.rps };
}

/** N shard processes on one start time, RPS summed; then one process with N threads. */
async function spreadRow(url: string): Promise<{ shards: number; threads: number }> {
  const startAt = Date.now() + 5000; // every child has loaded tsx and the engine by then
  const parts = await Promise.all(
    Array.from({ length: SHARDS }, (_, i) =>
      runChild<{ rps: number }>('spread', url, `shard:${i + 1}:${SHARDS}:${startAt}`),
    ),
  );
  const threads = await runChild<{ rps: number }>('spread', url, `threads:${SHARDS}`);
  return { shards: parts.reduce((n, p) => n + p.rps, 0), threads: threads.rps };
}

function spreadLine(r: { shards: number; threads: number }): string {
  const ratio = r.shards / r.threads;
  return `| ${SHARDS} shards (--shard I/${SHARDS}, one start time) vs one process with ${SHARDS} threads: RPS | ${f(r.shards, 0)} vs ${f(r.threads, 0)} (${f(ratio * 100, 1)}%) | within 5% | ${Math.abs(1 - ratio) <= 0.05 ? 'yes' : 'no'} |`;
}

async function child(mode: string, url: string, arg: string): Promise<void> {
  const out =
    mode === 'spread'
      ? await childSpread(url, arg)
      : mode === 'loadgate'
        ? await childLoadgate(url)
        : mode === 'autocannon'
          ? await childAutocannon(url)
          : mode === 'open' || mode === 'freeze'
            ? await childOpen(url, mode === 'freeze')
            : await childRss(url, Number(arg));
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// ---------------------------------------------------------------- parent (orchestration)

function runChild<T>(mode: string, url: string, arg = ''): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', SELF, '--child', mode, url, arg],
      { maxBuffer: 1 << 20, timeout: 600_000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${mode} child failed: ${err.message}\n${stderr}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as T);
      },
    );
  });
}

function runWrk(url: string): Promise<Closed> {
  const script = `${WRK} -t1 -c${CONNECTIONS} -d${SECONDS}s ${url}/fast; times`;
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', script], { timeout: 120_000 }, (err, stdout) => {
      if (err) return reject(err);
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN);
      const total = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? NaN);
      // `times` prints shell then children: "0m0.212s 0m2.674s" on the last line.
      const last = stdout.trim().split('\n').pop() ?? '';
      const secs = [...last.matchAll(/(\d+)m([\d.]+)s/g)].map(
        (m) => Number(m[1]) * 60 + Number(m[2]),
      );
      const cpu = (secs[0] ?? NaN) + (secs[1] ?? NaN);
      resolve({ rps, usPerRequest: (cpu * 1e6) / total });
    });
  });
}

async function startServer(): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', SERVER, '--serve-fast'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('server did not start in 20 s')), 20_000);
    proc.stdout?.once('data', (d: Buffer) => {
      clearTimeout(t);
      resolve(d.toString().trim());
    });
  });
  return { url: `http://127.0.0.1:${port}`, proc };
}

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length
    ? ((s[Math.floor((s.length - 1) / 2)] as number) +
        (s[Math.ceil((s.length - 1) / 2)] as number)) /
        2
    : NaN;
};
const f = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

async function main(): Promise<void> {
  const { url, proc } = await startServer();
  try {
    if (process.env.BENCH_ONLY === 'shards') {
      console.log('| check | figure | target | ok |');
      console.log('|---|---:|---|---|');
      console.log(spreadLine(await spreadRow(url)));
      return;
    }
    const hasWrk = existsSync(WRK);
    const samples: Record<string, Closed[]> = { loadgate: [], wrk: [], autocannon: [] };
    for (let i = 0; i < REPS; i++) {
      samples.loadgate?.push(await runChild<Closed>('loadgate', url));
      if (hasWrk) samples.wrk?.push(await runWrk(url));
      samples.autocannon?.push(await runChild<Closed>('autocannon', url));
    }
    const med = (k: string, m: keyof Closed): number => median((samples[k] ?? []).map((s) => s[m]));
    const open = await runChild<{ p50: number; p99: number; serviceP99: number; achieved: number }>(
      'open',
      url,
    );
    const frozen = await runChild<{
      p50: number;
      p99: number;
      serviceP99: number;
      achieved: number;
    }>('freeze', url);
    const rss = await runChild<{ requests: number; startRssMb: number; maxRssMb: number }>(
      'rss',
      url,
      String(med('loadgate', 'rps')),
    );

    const spread = await spreadRow(url);
    const lg = med('loadgate', 'usPerRequest');
    const wrk = med('wrk', 'usPerRequest');
    const ac = med('autocannon', 'usPerRequest');
    console.log(
      `## Engine benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${SECONDS}s x ${REPS} reps, ${CONNECTIONS} connections)\n`,
    );
    console.log('| generator | CPU per request (us) | RPS | vs wrk CPU | vs wrk RPS |');
    console.log('|---|---:|---:|---:|---:|');
    for (const k of ['loadgate', 'wrk', 'autocannon']) {
      const us = med(k, 'usPerRequest');
      const rps = med(k, 'rps');
      console.log(
        `| ${k} | ${f(us, 2)} | ${f(rps, 0)} | ${f(us / wrk, 2)}x | ${f((rps / med('wrk', 'rps')) * 100, 1)}% |`,
      );
    }
    console.log('\n| check | figure | target | ok |');
    console.log('|---|---:|---|---|');
    console.log(
      `| CPU/request loadgate vs wrk | ${f(lg / wrk, 2)}x | <= 1.3x | ${lg <= 1.3 * wrk ? 'yes' : 'no'} |`,
    );
    console.log(
      `| CPU/request loadgate vs autocannon | ${f(lg, 2)} vs ${f(ac, 2)} us | below | ${lg < ac ? 'yes' : 'no'} |`,
    );
    const rpsRatio = med('loadgate', 'rps') / med('wrk', 'rps');
    console.log(
      `| RPS loadgate vs wrk | ${f(rpsRatio * 100, 1)}% | within 5% | ${Math.abs(1 - rpsRatio) <= 0.05 ? 'yes' : 'no'} |`,
    );
    console.log(
      `| open 100 req/s, 20 ms server: p50 | ${f(open.p50, 2)} ms (achieved ${f(open.achieved)} req/s) | 19.5-23 ms | ${open.p50 >= 19.5 && open.p50 <= 23 ? 'yes' : 'no'} |`,
    );
    console.log(
      `| same, 1 s freeze: p99 from due time | ${f(frozen.p99, 0)} ms (service p99 ${f(frozen.serviceP99, 0)} ms) | >= 400 ms | ${frozen.p99 >= 400 ? 'yes' : 'no'} |`,
    );
    console.log(
      `| max RSS over ${rss.requests.toLocaleString('en-US')} requests (under tsx) | ${f(rss.maxRssMb, 0)} MB (${f(rss.startRssMb, 0)} MB at start) | < 150 MB (2M requests) | ${rss.maxRssMb < 150 ? 'yes' : 'no'} |`,
    );
    console.log(spreadLine(spread));
  } finally {
    proc.kill('SIGTERM');
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  child(process.argv[at + 1] ?? '', process.argv[at + 2] ?? '', process.argv[at + 3] ?? '').then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
