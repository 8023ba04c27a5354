/**
 * The `setup` requests: run once, in order, before any load (a login, for example), each able
 * to use what the earlier ones captured. Captures come from the JSON body (dotted path, array
 * indices allowed: `items.0.id`) or a response header. Any failure is a ScenarioError naming the
 * request, its URL and what went wrong, so the run stops before load.
 */
import { Client } from 'undici';
import { ScenarioError, errorMessage } from '../errors.js';
import type { CaptureSpec, SetupRequestSpec } from '../config/types.js';
import { classifyAnswer } from './classify.js';
import { createRng } from './rng.js';
import { trustedCas } from './engine.js';
import { compileRequest } from './scenario.js';
import type { TemplateScope } from './template.js';
import { readPath } from '../util/guards.js';

/** Bodies longer than this are cut before parsing (a login answer is small). */
const MAX_SETUP_BODY = 10 * 1024 * 1024;

export interface SetupInput {
  specs: readonly SetupRequestSpec[];
  /** Base URL the setup requests go to (the first target). */
  target: string;
  scope: Omit<TemplateScope, 'captures'>;
  firstRow: Record<string, string> | null;
  timeoutMs: number;
  seed: number;
  signal?: AbortSignal;
  /** Extra CA certificate (PEM) for an https target. */
  ca?: string | null;
}

/** Runs the setup requests; returns every captured variable. */
export async function runSetup(input: SetupInput): Promise<Record<string, string>> {
  const captures: Record<string, string> = {};
  if (input.specs.length === 0) return captures;
  const client = new Client(input.target, {
    headersTimeout: input.timeoutMs,
    bodyTimeout: input.timeoutMs,
    connectTimeout: Math.min(input.timeoutMs, 10_000),
    ...(input.ca ? { connect: { ca: trustedCas(input.ca) ?? [] } } : {}),
  });
  const rng = createRng(input.seed);
  try {
    let seq = 0;
    for (const spec of input.specs) {
      if (input.signal?.aborted) throw new ScenarioError('setup interrupted', { code: 'LG_SETUP' });
      const compiled = compileRequest(spec, {
        scope: { ...input.scope, captures },
        label: 'setup request',
      });
      const opts = compiled.fixed ?? compiled.build({ seq: ++seq, row: input.firstRow, rng });
      const where = `setup request '${spec.name}' (${spec.method} ${new URL(opts.path, input.target).href})`;
      let status: number;
      let headers: Record<string, string | string[] | undefined>;
      let body: Buffer;
      try {
        const res = await client.request({ ...opts, signal: input.signal ?? null });
        status = res.statusCode;
        headers = res.headers;
        body = await readCapped(res.body);
      } catch (e) {
        throw new ScenarioError(`${where} failed: ${errorMessage(e)}`, { code: 'LG_SETUP' });
      }
      const kind = classifyAnswer(status, compiled.accepted, compiled.bodyContains, body);
      if (kind !== null) {
        const why =
          kind === 'check-failed'
            ? `the body does not contain ${JSON.stringify(spec.expect.bodyContains)}`
            : `status ${status}`;
        throw new ScenarioError(`${where} failed: ${why}`, {
          code: 'LG_SETUP',
          details: [describeBody(body)],
        });
      }
      for (const [name, capture] of Object.entries(spec.capture)) {
        const value = captureValue(capture, headers, body);
        if (value === null) {
          const what =
            capture.from === 'json'
              ? `JSON path ${capture.path} is not in the response body`
              : `header ${capture.path} is not in the response`;
          throw new ScenarioError(`${where}: cannot capture ${name}: ${what}`, {
            code: 'LG_CAPTURE',
            details: [describeBody(body)],
          });
        }
        captures[name] = value;
      }
    }
    return captures;
  } finally {
    await client.destroy().catch(() => undefined);
  }
}

async function readCapped(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of body) {
    if (n < MAX_SETUP_BODY) chunks.push(chunk);
    n += chunk.length;
  }
  return Buffer.concat(chunks);
}

/**
 * What the user sees of a setup response. A login answer holds secrets, so a JSON body shows
 * only its keys (enough to fix a capture path); other bodies their first 200 characters.
 */
export function describeBody(body: Buffer): string {
  const text = body.toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return `response JSON keys: ${Object.keys(value).join(', ') || '(none)'}`;
    }
    return `response JSON: ${Array.isArray(value) ? 'an array' : typeof value}`;
  } catch {
    return `response body: ${text.slice(0, 200)}${text.length > 200 ? '...' : ''}`;
  }
}

/** The captured string, or null when the path or header is missing. */
export function captureValue(
  capture: CaptureSpec,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): string | null {
  if (capture.from === 'header') {
    const v = headers[capture.path.toLowerCase()];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined ? null : s;
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  return jsonPath(value, capture.path);
}

export function jsonPath(value: unknown, path: string): string | null {
  const cur = readPath(value, path.split('.'));
  if (cur === null || cur === undefined) return null;
  return typeof cur === 'string'
    ? cur
    : typeof cur === 'object'
      ? JSON.stringify(cur)
      : String(cur);
}
