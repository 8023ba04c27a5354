/**
 * `npm run bench:supervisor`: the Django example with the same N workers run three ways, in one
 * run: gunicorn -w N with uvicorn workers (workers: self), N uvicorn copies on their own ports
 * (workers: N), and N copies sharing one socket (socket: shared, Node >= 24.19 only: gunicorn
 * -w 1 --bind fd://3 each, and uvicorn --fd 3 each, which 0.17.6 slows: see below). wrk measures
 * RPS against each (one wrk per port, summed); a fast side poller measures readiness lag: the
 * time from the server's first successful answer to the supervisor's ready verdict.
 *
 * Env: BENCH_WORKERS (2), BENCH_CONNECTIONS (32), BENCH_SECONDS (10), BENCH_WARMUP (2).
 * Needs wrk and Debian's python3-django, gunicorn and uvicorn. Prints a Markdown table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ServerConfig } from '../src/config/types.js';
import type { Logger } from '../src/log.js';
import { startServer } from '../src/supervisor/index.js';
import { sharedSocketSupported } from '../src/supervisor/ports.js';
import { probe } from '../src/supervisor/readiness.js';
import type { RunningServer } from '../src/supervisor/types.js';
import { wrk } from './wrk.js';

const N = Number(process.env.BENCH_WORKERS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const EXAMPLE = resolve(import.meta.dirname ?? '.', '../examples/django-gunicorn');
const PATH = '/api/items';

interface Variant {
  name: string;
  command: string;
  workers: ServerConfig['workers'];
  socket: ServerConfig['socket'];
}

const variants: Variant[] = [
  {
    name: `gunicorn -w ${N} (self)`,
    command: `gunicorn itemsapi.asgi:application -k uvicorn.workers.UvicornWorker -w ${N} --bind 127.0.0.1:$PORT`,
    workers: { mode: 'self', count: null },
    socket: 'per-port',
  },
  {
    name: `${N} x uvicorn, port each`,
    command: 'uvicorn itemsapi.asgi:application --host 127.0.0.1 --port $PORT --no-access-log',
    workers: { mode: 'spawn', count: N, auto: false, reason: 'bench' },
    socket: 'per-port',
  },
  {
    // One gunicorn master + one uvicorn worker per copy. gunicorn takes fd 3 itself from
    // LISTEN_FDS/LISTEN_PID (adding --bind fd://3 would open it twice: EBADF).
    name: `${N} x gunicorn -w 1, shared fd 3 (LISTEN_FDS)`,
    command: 'gunicorn itemsapi.asgi:application -k uvicorn.workers.UvicornWorker -w 1',
    workers: { mode: 'spawn', count: N, auto: false, reason: 'bench' },
    socket: 'shared',
  },
  {
    // uvicorn 0.17.6 wraps the fd as AF_UNIX, so asyncio never sets TCP_NODELAY: Nagle stalls.
    name: `${N} x uvicorn --fd 3, shared`,
    command: 'uvicorn itemsapi.asgi:application --fd 3 --no-access-log',
    workers: { mode: 'spawn', count: N, auto: false, reason: 'bench' },
    socket: 'shared',
  },
];

/** A logger that hands the supervisor's "booting: URLs" line to the side poller. */
function benchLogger(onBooting: (urls: string[]) => void): Logger {
  return {
    info: () => {},
    warn: (m) => console.error(`warning: ${m}`),
    error: (m) => console.error(`error: ${m}`),
    debug: (m) => {
      if (m.startsWith('booting: ')) onBooting(m.slice(9).split(' '));
    },
    status: () => {},
    group: (_name, fn) => fn(),
  };
}

/** Probes every URL every 5 ms (up to 20 in flight) and records when all first answered 200. */
function sidePoller(urls: string[]) {
  const first = new Map<string, number>();
  let inflight = 0;
  const timer = setInterval(() => {
    for (const url of urls) {
      if (first.has(url) || inflight >= 20) continue;
      inflight += 1;
      void probe(url + '/health', 200, 30_000).then((r) => {
        inflight -= 1;
        if (r.ok && !first.has(url)) first.set(url, Date.now());
      });
    }
    if (first.size === urls.length) clearInterval(timer);
  }, 5);
  return {
    stop: () => clearInterval(timer),
    allAnsweredAt: () => (first.size === urls.length ? Math.max(...first.values()) : null),
  };
}

/** One wrk per target, connections split evenly, run together; RPS summed. */
async function load(server: RunningServer, seconds: number): Promise<number> {
  const per = Math.max(1, Math.round(CONNECTIONS / server.targets.length));
  const rps = await Promise.all(server.targets.map((t) => wrk(t + PATH, per, seconds)));
  return rps.reduce((a, b) => a + b, 0);
}

interface Row {
  name: string;
  rps: number | null;
  lagMs: number | null;
  bootMs: number | null;
  cpu: string;
  note: string;
}

async function measure(v: Variant, db: string): Promise<Row> {
  const row: Row = { name: v.name, rps: null, lagMs: null, bootMs: null, cpu: '', note: '' };
  if (v.socket === 'shared' && !sharedSocketSupported()) {
    return { ...row, note: `not supported on Node ${process.versions.node} (needs >= 24.19)` };
  }
  let poller: ReturnType<typeof sidePoller> | null = null;
  const logDir = mkdtempSync(join(tmpdir(), 'lg-bench-'));
  const config: ServerConfig = {
    command: v.command,
    cwd: EXAMPLE,
    setup: ['/usr/bin/python3 manage.py migrate --noinput'],
    setupTimeoutMs: 120_000,
    env: { DJANGO_SETTINGS_MODULE: 'itemsapi.settings', ITEMS_DB: db },
    workers: v.workers,
    socket: v.socket,
    ready: { path: '/health', timeoutMs: 60_000, status: 200, successes: 2 },
    graceMs: 10_000,
    failOnCrash: true,
    logDir,
  };
  const log = benchLogger((urls) => (poller = sidePoller(urls)));
  const server = await startServer(config, { log, env: process.env, cores: 2 });
  const readyAt = Date.now();
  try {
    const p = poller as ReturnType<typeof sidePoller> | null;
    const answered = p?.allAnsweredAt() ?? null;
    p?.stop();
    row.lagMs = answered === null ? null : readyAt - answered;
    const ready = server.events().find((e) => e.kind === 'ready');
    row.bootMs = ready && ready.kind === 'ready' ? ready.ms : null;
    await load(server, WARMUP);
    const since = Date.now();
    row.rps = await load(server, SECONDS);
    // Per worker: CPU of all its processes summed per sample, then averaged over samples.
    const cpu = new Map<number, number[]>();
    for (const s of server.samples(since)) {
      const perWorker = new Map<number, number>();
      for (const proc of s.processes) {
        if (proc.worker === null || proc.worker === undefined) continue;
        perWorker.set(proc.worker, (perWorker.get(proc.worker) ?? 0) + proc.cpu);
      }
      for (const [w, c] of perWorker) cpu.set(w, [...(cpu.get(w) ?? []), c]);
    }
    row.cpu = [...cpu.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, v]) => (v.reduce((a, b) => a + b, 0) / v.length).toFixed(2))
      .join(' / ');
    row.note = `${server.workerCount()} workers, ${server.targets.length} target(s)`;
  } finally {
    await server.stop();
    rmSync(logDir, { recursive: true, force: true });
  }
  return row;
}

const dir = mkdtempSync(join(tmpdir(), 'lg-bench-db-'));
const rows: Row[] = [];
for (const v of variants) {
  console.error(`measuring: ${v.name}`);
  rows.push(await measure(v, join(dir, 'db.sqlite3')));
}
rmSync(dir, { recursive: true, force: true });

const base = rows[0]?.rps ?? null;
const fmt = (n: number | null, digits = 0) => (n === null ? 'n/a' : n.toFixed(digits));
console.log(
  `\nDjango example, ${N} workers, GET ${PATH}, wrk ${CONNECTIONS} connections, ${SECONDS} s ` +
    `(after ${WARMUP} s warm-up); Node ${process.versions.node}\n`,
);
console.log(
  '| server | RPS | vs gunicorn | worker CPU (cores) | boot to ready (ms) | ready lag (ms) | note |',
);
console.log('|---|---:|---:|---|---:|---:|---|');
for (const r of rows) {
  const vs = r.rps !== null && base ? `${(((r.rps - base) / base) * 100).toFixed(1)}%` : 'n/a';
  console.log(
    `| ${r.name} | ${fmt(r.rps)} | ${vs} | ${r.cpu || 'n/a'} | ${fmt(r.bootMs)} | ${fmt(r.lagMs)} | ${r.note} |`,
  );
}
