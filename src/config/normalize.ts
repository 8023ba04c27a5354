/**
 * The validated file shape -> Config: defaults filled in, shorthands expanded, paths made
 * absolute, and the rules that need the raw shape (which keys were written at all).
 */
import { basename, extname, resolve } from 'node:path';
import type { ConfigContext } from './context.js';
import { DEFAULTS } from './defaults.js';
import type { Issue } from './issues.js';
import type { RawFile, RawLoad, RawRequest, RawServer, RawSetupRequest } from './schema.js';
import { checkTarget } from './target.js';
import { CAPTURE_NAME, RESERVED_NAMES } from './template.js';
import type {
  BaselineStoreConfig,
  CaptureSpec,
  Config,
  DataFeedSpec,
  LoadConfig,
  RequestSpec,
  ServerConfig,
  SetupRequestSpec,
  TargetAccess,
  TargetReadyConfig,
} from './types.js';
import { resolveWorkers } from './workers.js';

/** The config folder's name, made into a valid series name. */
export function defaultName(baseDir: string): string {
  const cleaned = basename(baseDir)
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
  return cleaned || DEFAULTS.name;
}

function toRequest(
  raw: RawRequest | RawSetupRequest,
  at: (string | number)[],
  issues: Issue[],
): RequestSpec {
  const method = raw.method ?? DEFAULTS.request.method;
  if (raw.json !== undefined && raw.body !== undefined) {
    issues.push({
      path: [...at, 'json'],
      at: 'key',
      message: 'json and body are mutually exclusive: keep one',
    });
  }
  if (raw['content-type'] !== undefined && raw.body === undefined) {
    issues.push({
      path: [...at, 'content-type'],
      at: 'key',
      message: 'content-type goes with body: (json: is always sent as application/json)',
    });
  }
  const body: RequestSpec['body'] =
    raw.json !== undefined
      ? { kind: 'json', value: raw.json }
      : raw.body !== undefined
        ? { kind: 'raw', value: raw.body, contentType: raw['content-type'] ?? null }
        : { kind: 'none' };
  const status = raw.expect?.status;
  return {
    name: raw.name ?? `${method} ${raw.path}`,
    method,
    path: raw.path,
    query: raw.query ?? {},
    headers: raw.headers ?? {},
    body,
    weight: 'weight' in raw && raw.weight !== undefined ? raw.weight : DEFAULTS.request.weight,
    expect: {
      status: status === undefined ? [] : Array.isArray(status) ? status : [status],
      bodyContains: raw.expect?.['body-contains'] ?? null,
    },
  };
}

function toSetupRequest(raw: RawSetupRequest, index: number, issues: Issue[]): SetupRequestSpec {
  const at = ['setup', index];
  const capture: Record<string, CaptureSpec> = {};
  for (const [name, spec] of Object.entries(raw.capture ?? {})) {
    const path = [...at, 'capture', name];
    if (!CAPTURE_NAME.test(name) || RESERVED_NAMES.has(name)) {
      issues.push({
        path,
        at: 'key',
        message: `capture names are letters, digits and _ and not one of ${[...RESERVED_NAMES].join(', ')}`,
      });
    }
    if ((spec.json === undefined) === (spec.header === undefined)) {
      issues.push({ path, message: 'expected exactly one of json: or header:', showGot: false });
    }
    capture[name] =
      spec.json !== undefined
        ? { from: 'json', path: spec.json }
        : { from: 'header', path: spec.header ?? '' };
  }
  return { ...toRequest(raw, at, issues), capture };
}

/** Server settings with defaults; `toServer({ command }, ctx)` is a server with every default. */
export function toServer(
  raw: RawServer,
  ctx: Pick<ConfigContext, 'baseDir' | 'cores'>,
): ServerConfig {
  const d = DEFAULTS.server;
  return {
    command: raw.command,
    cwd: resolve(ctx.baseDir, raw.cwd ?? d.cwd),
    setup: raw.setup ?? [],
    setupTimeoutMs: raw['setup-timeout'] ?? d.setupTimeoutMs,
    env: raw.env ?? {},
    workers: resolveWorkers(raw.workers, ctx.cores),
    socket: raw.socket ?? d.socket,
    ready: {
      path: raw.ready?.path ?? d.ready.path,
      timeoutMs: raw.ready?.timeout ?? d.ready.timeoutMs,
      status: raw.ready?.status ?? d.ready.status,
      successes: raw.ready?.successes ?? d.ready.successes,
    },
    graceMs: raw.grace ?? d.graceMs,
    failOnCrash: raw['fail-on-crash'] ?? d.failOnCrash,
    logDir: resolve(ctx.baseDir, raw['log-dir'] ?? d.logDir),
  };
}

function toLoad(raw: RawLoad, issues: Issue[]): LoadConfig {
  const d = DEFAULTS.load;
  const stages = (raw.stages ?? []).map((s) => ({ durationMs: s.duration, rate: s.rate }));
  const staged = stages.reduce((sum, s) => sum + s.durationMs, 0);
  if (stages.length > 0 && raw.duration !== undefined && raw.duration !== staged) {
    issues.push({
      path: ['load', 'duration'],
      message: `with stages the duration is their sum (${staged / 1000}s): leave duration out or make them agree`,
    });
  }
  const secret = [...d.secretHeaders, ...(raw['secret-headers'] ?? [])].map((h) => h.toLowerCase());
  return {
    model: raw.model ?? d.model,
    connections: raw.connections ?? d.connections,
    rate: raw.rate ?? null,
    stages,
    warmupMs: raw.warmup ?? d.warmupMs,
    durationMs: stages.length > 0 ? staged : (raw.duration ?? d.durationMs),
    rounds: raw.rounds ?? d.rounds,
    timeoutMs: raw.timeout ?? d.timeoutMs,
    threads: raw.threads ?? d.threads,
    secretHeaders: [...new Set(secret)],
    seed: raw.seed ?? d.seed,
  };
}

function toData(
  raw: NonNullable<RawFile['data']>,
  ctx: ConfigContext,
  issues: Issue[],
): DataFeedSpec {
  const ext = extname(raw.file).toLowerCase().slice(1);
  const inferred = ext === 'csv' || ext === 'json' ? ext : null;
  if (!raw.format && !inferred) {
    issues.push({
      path: ['data', 'file'],
      message: 'cannot tell the format from the extension: add format: csv or json',
    });
  }
  return {
    file: resolve(ctx.baseDir, raw.file),
    format: raw.format ?? inferred ?? 'csv',
    order: raw.order ?? DEFAULTS.data.order,
  };
}

function toBaseline(
  raw: RawFile['baseline'],
  ctx: ConfigContext,
  issues: Issue[],
): BaselineStoreConfig {
  const d = DEFAULTS.baseline;
  const history = raw?.history ?? d.history;
  if (raw?.branch !== undefined) {
    if (raw.file !== undefined) {
      issues.push({
        path: ['baseline', 'branch'],
        at: 'key',
        message: 'file and branch are two stores: keep one',
      });
    }
    return { store: 'branch', branch: raw.branch, remote: raw.remote ?? d.remote, history };
  }
  if (raw?.remote !== undefined) {
    issues.push({
      path: ['baseline', 'remote'],
      at: 'key',
      message: 'remote goes with branch: (the git store)',
    });
  }
  const file = resolve(ctx.baseDir, raw?.file ?? d.file);
  return raw === undefined
    ? { store: 'file', file, history, isDefault: true }
    : { store: 'file', file, history };
}

export function normalize(raw: RawFile, ctx: ConfigContext): { config: Config; issues: Issue[] } {
  const issues: Issue[] = [];
  if ((raw.server === undefined) === (raw.target === undefined)) {
    issues.push({
      path: raw.server ? ['target'] : [],
      at: 'key',
      showGot: false,
      message:
        'expected exactly one of server: (a command to boot) or target: (a running API on this machine)',
    });
  }
  let target: string | null = null;
  const access = toTargetAccess(raw, ctx, issues);
  if (raw.target !== undefined) {
    const checked = checkTarget(raw.target, access.allowRemote);
    if (checked.ok) target = checked.origin;
    else issues.push({ path: ['target'], message: checked.message });
  }
  const g = raw.gate;
  const config: Config = {
    name: raw.name ?? defaultName(ctx.baseDir),
    source: ctx.source,
    baseDir: ctx.baseDir,
    // Exactly one of the two (an issue above otherwise, and this object is not returned).
    ...(raw.server
      ? { server: toServer(raw.server, ctx), target: null }
      : { server: null, target: target ?? '' }),
    load: toLoad(raw.load ?? {}, issues),
    setup: (raw.setup ?? []).map((s, i) => toSetupRequest(s, i, issues)),
    requests: raw.requests.map((r, i) => toRequest(r, ['requests', i], issues)),
    data: raw.data ? toData(raw.data, ctx, issues) : null,
    vars: raw.vars ?? {},
    gate: {
      rps: g?.rps ?? DEFAULTS.gate.rps,
      p95: g?.p95 ?? DEFAULTS.gate.p95,
      errors: g?.errors ?? DEFAULTS.gate.errors,
      failOn: g?.['fail-on'] ?? DEFAULTS.gate.failOn,
      maxTimeMs: g?.['max-time'] ?? DEFAULTS.gate.maxTimeMs,
    },
    baseline: toBaseline(raw.baseline, ctx, issues),
    compare: raw.compare ?? DEFAULTS.compare,
    ...(raw.target !== undefined ? { targetAccess: access } : {}),
  };
  return { config, issues };
}

const TARGET_KEYS = ['allow-remote-target', 'target-ca', 'target-ready'] as const;

/** allow-remote-target, target-ca, target-ready: they describe `target:`, never `server:`. */
function toTargetAccess(raw: RawFile, ctx: ConfigContext, issues: Issue[]): TargetAccess {
  if (raw.server !== undefined) {
    for (const key of TARGET_KEYS) {
      if (raw[key] === undefined) continue;
      issues.push({
        path: [key],
        at: 'key',
        message: `${key} applies to target: (an API that already runs), not to server:`,
      });
    }
  }
  const r = raw['target-ready'];
  const d = DEFAULTS.targetReady;
  const ready: TargetReadyConfig | null =
    r === undefined
      ? null
      : {
          path: r.path ?? d.path,
          timeoutMs: r.timeout ?? d.timeoutMs,
          status: r.status ?? d.status,
          successes: r.successes ?? d.successes,
        };
  const ca = raw['target-ca'];
  return {
    allowRemote: raw['allow-remote-target'] === true,
    caFile: ca === undefined ? null : resolve(ctx.baseDir, ca),
    ready,
  };
}
