/**
 * The public JSON report (docs/report.md): pretty-printed with a stable key order, so that two
 * reports diff cleanly and scripts see the documented order whatever built the object.
 */
import type {
  Advice,
  BaselineInfo,
  EndpointReport,
  HistoryPoint,
  MetricResult,
  MetricSet,
  NoiseReport,
  Report,
  RoundReport,
  RunFailure,
  RunnerFingerprint,
  ServerReport,
  WorkerReport,
} from './types.js';
import { isRecord } from '../util/guards.js';

/** How to order one object: named keys first (documented order), then any others sorted. */
interface Order {
  keys?: readonly string[];
  /** Order of a named child. */
  fields?: Record<string, Order>;
  /** Order of array items, or of every value of a map-like object. */
  items?: Order;
}

/**
 * A complete key list of T: the compiler rejects it when T gains a key that is not listed, so
 * the JSON order (and docs/report.md, which a test compares) cannot silently fall behind.
 */
function allKeys<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    keys: K &
      (Exclude<keyof T, K[number]> extends never
        ? unknown
        : { missing: Exclude<keyof T, K[number]> }),
  ): readonly string[] => keys;
}

const metric: Order = {
  keys: allKeys<MetricResult>()(['current', 'baseline', 'change', 'interval', 'verdict']),
};
const metricSet: Order = {
  keys: allKeys<MetricSet>()(['rps', 'p50', 'p95', 'p99', 'errorRate']),
  items: metric,
};

const round: Order = {
  keys: allKeys<RoundReport>()([
    'index',
    'seconds',
    'requests',
    'errors',
    'rps',
    'p50',
    'p95',
    'p99',
    'errorRate',
    'errorsByKind',
    'generatorBound',
    'generatorNote',
    'crashed',
    'latency',
  ]),
};

const endpoint: Order = {
  keys: allKeys<EndpointReport>()(['name', 'requests', 'errors', 'errorsByKind', 'metrics']),
  fields: { metrics: metricSet },
};

const worker: Order = {
  keys: allKeys<WorkerReport>()(['index', 'pid', 'cpu', 'rssBytes', 'pssBytes']),
};

const crash: Order = {
  keys: allKeys<ServerReport['crashes'][number]>()([
    'kind',
    'at',
    'worker',
    'pid',
    'exitCode',
    'signal',
    'recoveryMs',
    'lastLines',
  ]),
};

const server: Order = {
  keys: allKeys<ServerReport>()([
    'command',
    'mode',
    'socket',
    'workers',
    'workersReason',
    'pids',
    'perWorker',
    'crashes',
    'readyMs',
  ]),
  fields: { perWorker: { items: worker }, crashes: { items: crash } },
};

const report: Order = {
  keys: allKeys<Report>()([
    'schema',
    'name',
    'createdAt',
    'commit',
    'verdict',
    'summary',
    'advice',
    'failure',
    'metrics',
    'totals',
    'endpoints',
    'rounds',
    'noise',
    'load',
    'server',
    'target',
    'remoteTarget',
    'baseline',
    'runner',
    'versions',
    'warnings',
    'histogram',
    'history',
  ]),
  fields: {
    metrics: metricSet,
    advice: {
      keys: allKeys<Advice>()([
        'metric',
        'endpoint',
        'smallestDetectableChange',
        'tolerance',
        'nextStep',
        'text',
      ]),
    },
    failure: { keys: allKeys<RunFailure>()(['phase', 'code', 'message', 'details']) },
    totals: { keys: allKeys<Report['totals']>()(['requests', 'errors', 'seconds']) },
    endpoints: { items: endpoint },
    rounds: { items: round },
    noise: { keys: allKeys<NoiseReport>()(['rpsCv', 'p95Cv', 'minDetectableRpsChange', 'steal']) },
    history: { items: { keys: allKeys<HistoryPoint>()(['label', 'rps', 'p95']) } },
    load: {
      keys: allKeys<Report['load']>()([
        'model',
        'connections',
        'rate',
        'rounds',
        'durationMs',
        'warmupMs',
      ]),
    },
    server,
    baseline: {
      keys: allKeys<BaselineInfo>()(['entries', 'commit', 'createdAt', 'sameRunner', 'note']),
    },
    runner: { keys: allKeys<RunnerFingerprint>()(['cpuModel', 'cores', 'os', 'node']) },
  },
};

function ordered(value: unknown, order: Order | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, order?.items));
  if (!isRecord(value)) return value;
  const obj = value;
  const named = order?.keys ?? [];
  const rest = Object.keys(obj)
    .filter((k) => !named.includes(k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const k of [...named, ...rest]) {
    if (!(k in obj) || obj[k] === undefined) continue;
    out[k] = ordered(obj[k], order?.fields?.[k] ?? order?.items);
  }
  return out;
}

/** The JSON report: two-space indented, documented key order, trailing newline. */
export function renderJson(r: Report): string {
  return `${JSON.stringify(ordered(r, report), null, 2)}\n`;
}
