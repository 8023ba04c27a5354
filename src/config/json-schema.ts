/**
 * A JSON Schema of loadgate.yml for editors (completion, hovers, red squiggles), generated
 * from the same zod schema that validates the file, then patched where zod cannot say it:
 * shorthands (`ready: /health`, `setup: one command`), lowercase methods, unit strings.
 * loadgate.schema.json in the repo root is this output; a unit test keeps them equal.
 */
import { z } from 'zod';
import { METHODS, fileSchema } from './schema.js';
import { isRecord, readPath } from '../util/guards.js';

type JsonObject = Record<string, unknown>;

const DESCRIPTIONS: Record<string, string> = {
  name: 'One baseline series per name (default: the config folder name).',
  server: 'A command that starts the API (loadgate boots it). Exactly one of server / target.',
  target:
    'An API already running, e.g. http://127.0.0.1:8080: loopback only unless allow-remote-target: true.',
  'allow-remote-target':
    'true: target may be any http(s) URL (a preview deployment); loadgate sends the whole load there.',
  'target-ca':
    'A PEM file of CA certificates trusted (besides the usual ones) for an https target.',
  'target-ready':
    'Wait until the target answers before the load: a path or { path, timeout, status, successes }.',
  load: 'The load model: closed (connections) or open (rate / stages), durations, rounds.',
  setup: 'Requests run once before load (e.g. a login), which may capture values.',
  requests: 'The scenario: weighted requests.',
  data: 'A CSV or JSON data feed for ${data.column} templates.',
  vars: 'Variables for ${vars.name} templates (strings).',
  gate: 'Tolerances: rps (allowed drop), p95 (allowed rise), errors (ceiling); fail-on; max-time.',
  baseline: 'Where the baseline is stored: { file } or { branch, remote }.',
  compare:
    'auto (default): the base commit on the same runner when there is one, else the stored baseline; stored; base.',
};

const DURATION = {
  anyOf: [
    { type: 'number', minimum: 0, description: 'seconds' },
    { type: 'string', pattern: '^\\s*(\\d+(\\.\\d+)?\\s*|(\\d+(\\.\\d+)?(ms|s|m|h))+)\\s*$' },
  ],
  description: 'A duration: 500ms, 10s, 2m, 1m30s or a number of seconds.',
};
const PERCENT = {
  anyOf: [
    { type: 'number', minimum: -1, maximum: 1 },
    { type: 'string', pattern: '^[+-]?\\d+(\\.\\d+)?%?$' },
  ],
  description: 'A percentage like -5%, +10%, 1% or a fraction like 0.05.',
};
const DURATION_KEYS = new Set([
  'setup-timeout',
  'timeout',
  'grace',
  'warmup',
  'duration',
  'max-time',
]);
const PERCENT_KEYS = new Set(['rps', 'p95', 'errors']);

function objectAt(root: JsonObject, ...keys: string[]): JsonObject {
  const node = readPath(root, keys);
  return isRecord(node) ? node : {};
}

/** Walk every property: unit fields get their real shape; zod's `starts_with` format goes. */
function patchUnits(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(patchUnits);
  if (!isRecord(node)) return;
  if (node['format'] === 'starts_with') delete node['format'];
  const props = node['properties'];
  if (isRecord(props)) {
    for (const [key, value] of Object.entries(props)) {
      const unitField = Array.isArray(readPath(value, ['type']));
      if (DURATION_KEYS.has(key) && unitField) props[key] = { ...DURATION };
      else if (PERCENT_KEYS.has(key) && unitField) props[key] = { ...PERCENT };
    }
  }
  Object.values(node).forEach(patchUnits);
}

export function configJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(fileSchema, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
  }) as JsonObject;
  patchUnits(schema);
  const props = objectAt(schema, 'properties');
  for (const [key, description] of Object.entries(DESCRIPTIONS)) {
    const prop = props[key];
    if (isRecord(prop)) prop['description'] = description;
  }
  const server = objectAt(props, 'server', 'properties');
  server['ready'] = { anyOf: [{ type: 'string', pattern: '^/' }, server['ready']] };
  props['target-ready'] = {
    anyOf: [{ type: 'string', pattern: '^/' }, props['target-ready']],
    description: DESCRIPTIONS['target-ready'],
  };
  server['setup'] = { anyOf: [{ type: 'string', minLength: 1 }, server['setup']] };
  const methods = { type: 'string', enum: [...METHODS, ...METHODS.map((m) => m.toLowerCase())] };
  objectAt(props, 'requests', 'items', 'properties')['method'] = methods;
  objectAt(props, 'setup', 'items', 'properties')['method'] = methods;
  // Top-level `x-` keys are ignored by the parser (a place for YAML anchors).
  schema['patternProperties'] = { '^x-': {} };
  return { title: 'loadgate.yml', ...schema };
}
