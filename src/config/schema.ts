/**
 * The shape of loadgate.yml (public contract: docs/configuration.md). Objects are strict:
 * an unknown key is an error. Units are converted here (durations to ms, percentages to
 * fractions); defaults and cross-key rules come after (normalize.ts, checks.ts).
 */
import { z } from 'zod';
import { LIMITS } from './defaults.js';
import {
  duration,
  flag,
  oneOf,
  positiveNumber,
  stringMap,
  stringValue,
  text,
  tolerance,
  urlPath,
  wholeNumber,
} from './schema-parts.js';

const HOUR = 3_600_000;
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** An upper-case method loadgate can send. */
export function isHttpMethod(method: string): method is (typeof METHODS)[number] {
  return METHODS.some((m) => m === method);
}
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$/;

export const NAME_EXPECTED =
  'expected a name of letters, digits, spaces, dots, dashes or underscores (1-100 characters)';
const name = z.string({ error: 'expected a name' }).regex(NAME_PATTERN, { error: NAME_EXPECTED });

const WORKERS = `expected self, auto or a whole number of workers from 1 to ${LIMITS.workers}`;
export const workersSchema = z.union(
  [z.literal('self'), z.literal('auto'), wholeNumber(1, LIMITS.workers, '', WORKERS)],
  {
    error: WORKERS,
  },
);

/** `ready: /health` is short for `ready: { path: /health }`. */
const ready = z.preprocess(
  (v) => (typeof v === 'string' ? { path: v } : v),
  z.strictObject(
    {
      path: urlPath().optional(),
      timeout: duration(1, HOUR).optional(),
      status: wholeNumber(100, 599, 'an HTTP status').optional(),
      successes: wholeNumber(1, LIMITS.successes).optional(),
    },
    { error: 'expected a path like /health or a mapping with path, timeout, status, successes' },
  ),
);

/** `target-ready: /health` is short for `target-ready: { path: /health }`. */
const targetReady = z.preprocess(
  (v) => (typeof v === 'string' ? { path: v } : v),
  z
    .strictObject(
      {
        path: urlPath(),
        timeout: duration(1, HOUR),
        status: wholeNumber(100, 599, 'an HTTP status'),
        successes: wholeNumber(1, LIMITS.successes),
      },
      { error: 'expected a path like /health or a mapping with path, timeout, status, successes' },
    )
    .partial(),
);

/** `setup: cmd` is short for `setup: [cmd]`. */
const commands = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(text('a shell command'), { error: 'expected a shell command or a list of them' }),
);

const server = z
  .strictObject(
    {
      command: text('a shell command that starts the API'),
      cwd: text('a folder'),
      setup: commands,
      'setup-timeout': duration(1, 4 * HOUR),
      env: stringMap(),
      workers: workersSchema,
      socket: oneOf(['per-port', 'shared']),
      ready,
      grace: duration(0, 10 * 60_000),
      'fail-on-crash': flag(),
      'log-dir': text('a folder'),
    },
    { error: 'expected a mapping with command, workers, ready, ...' },
  )
  .partial({
    cwd: true,
    setup: true,
    'setup-timeout': true,
    env: true,
    workers: true,
    socket: true,
    ready: true,
    grace: true,
    'fail-on-crash': true,
    'log-dir': true,
  });

const STAGE_RATE = `expected a rate from 0 to ${LIMITS.rate} requests per second`;
const stage = z.strictObject(
  {
    duration: duration(1, HOUR),
    rate: z
      .number({ error: STAGE_RATE })
      .min(0, { error: STAGE_RATE })
      .max(LIMITS.rate, { error: STAGE_RATE }),
  },
  { error: 'expected a stage like { duration: 10s, rate: 100 }' },
);

const load = z
  .strictObject(
    {
      model: oneOf(['closed', 'open']),
      connections: wholeNumber(1, LIMITS.connections),
      rate: positiveNumber(LIMITS.rate, 'a rate in requests per second'),
      stages: z
        .array(stage, { error: 'expected a list of stages' })
        .min(1, { error: 'expected at least one stage' }),
      warmup: duration(0, HOUR),
      duration: duration(100, HOUR),
      rounds: wholeNumber(1, LIMITS.rounds),
      timeout: duration(1, 10 * 60_000),
      threads: wholeNumber(1, LIMITS.threads),
      'secret-headers': z.array(text('a header name'), {
        error: 'expected a list of header names',
      }),
      seed: wholeNumber(0, 2 ** 32 - 1),
    },
    { error: 'expected a mapping with model, connections, duration, ...' },
  )
  .partial();

const method = z.preprocess(
  (v) => (typeof v === 'string' ? v.toUpperCase() : v),
  z.enum(METHODS, { error: `expected an HTTP method: one of ${METHODS.join(', ')}` }),
);

const expectSpec = z
  .strictObject(
    {
      status: z.union(
        [
          wholeNumber(100, 599, 'an HTTP status'),
          z.array(wholeNumber(100, 599, 'an HTTP status')).min(1),
        ],
        { error: 'expected an HTTP status like 200 or a list like [200, 201]' },
      ),
      'body-contains': z.string({ error: 'expected a string to look for in the body' }),
    },
    { error: 'expected a mapping with status and/or body-contains' },
  )
  .partial();

const requestShape = {
  name: text('a request name').optional(),
  method: method.optional(),
  path: urlPath(),
  query: stringMap().optional(),
  headers: stringMap().optional(),
  /** Any YAML value, sent as JSON; strings inside may hold templates. */
  json: z.unknown().optional(),
  body: stringValue().optional(),
  'content-type': text('a content type').optional(),
  expect: expectSpec.optional(),
};

const request = z.strictObject(
  { ...requestShape, weight: positiveNumber(LIMITS.weight, 'a weight').optional() },
  { error: 'expected a request like { path: /api/items }' },
);

const capture = z
  .strictObject(
    { json: text('a dotted JSON path'), header: text('a header name') },
    { error: 'expected { json: dotted.path } or { header: Header-Name }' },
  )
  .partial();

const setupRequest = z.strictObject(
  {
    ...requestShape,
    capture: z
      .record(z.string(), capture, { error: 'expected a mapping of names to captures' })
      .optional(),
  },
  { error: 'expected a request like { path: /login, method: POST }' },
);

const data = z.strictObject(
  {
    file: text('a file path'),
    format: oneOf(['csv', 'json']).optional(),
    order: oneOf(['sequential', 'random']).optional(),
  },
  { error: 'expected a mapping like { file: users.csv }' },
);

const gate = z
  .strictObject(
    {
      rps: tolerance('rps', '-', 1),
      p95: tolerance('p95', '+', 10),
      errors: tolerance('errors', null, 1),
      'fail-on': oneOf(['regression', 'inconclusive']),
      'max-time': duration(30_000, 3_600_000),
    },
    { error: 'expected a mapping like { rps: -3%, p95: +10%, errors: 1% }' },
  )
  .partial();

const baseline = z
  .strictObject(
    {
      file: text('a file path'),
      branch: text('a branch name'),
      remote: text('a git remote name'),
      history: wholeNumber(1, LIMITS.history),
    },
    {
      error:
        'expected a mapping like { file: .loadgate/baseline.json } or { branch: loadgate-baselines }',
    },
  )
  .partial();

export const fileSchema = z.strictObject(
  {
    name: name.optional(),
    server: server.optional(),
    target: z.string({ error: 'expected a URL like http://127.0.0.1:8080' }).optional(),
    'allow-remote-target': flag().optional(),
    'target-ca': text('a PEM file of CA certificates').optional(),
    'target-ready': targetReady.optional(),
    load: load.optional(),
    setup: z
      .array(setupRequest, { error: 'expected a list of setup requests' })
      .max(LIMITS.setupRequests, {
        error: `expected at most ${LIMITS.setupRequests} setup requests`,
      })
      .optional(),
    requests: z
      .array(request, { error: 'expected a list of requests' })
      .min(1, { error: 'expected at least one request' })
      .max(LIMITS.requests, {
        error:
          `expected at most ${LIMITS.requests} requests (endpoints); each costs about 150 KB ` +
          'of memory and its own statistics: split the scenario into several configs (name:)',
      }),
    data: data.optional(),
    vars: stringMap().optional(),
    gate: gate.optional(),
    baseline: baseline.optional(),
    compare: oneOf(['auto', 'stored', 'base']).optional(),
  },
  { error: 'expected a mapping with server: (or target:) and requests:' },
);

export type RawFile = z.output<typeof fileSchema>;
export type RawRequest = z.output<typeof request>;
export type RawSetupRequest = z.output<typeof setupRequest>;
export type RawServer = z.output<typeof server>;
export type RawLoad = z.output<typeof load>;
export type RawGate = z.output<typeof gate>;
