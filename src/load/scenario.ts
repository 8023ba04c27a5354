/**
 * Compiles the configured requests once, before load: templates folded, bodies turned into
 * Buffers, headers into undici's flat array, status expectations into a lookup table. A request
 * without per-request templates becomes one frozen dispatch-options object reused every time.
 * Every problem is a ScenarioError naming the request and the field, before any load starts.
 */
import type { Dispatcher } from 'undici';
import { ScenarioError } from '../errors.js';
import type { HttpMethod, RequestSpec } from '../config/types.js';
import { compileTemplate, constantTemplate, jsonStringEscape, TemplateError } from './template.js';
import type { RenderContext, Template, TemplateScope } from './template.js';
import { createRng } from './rng.js';

export interface CompiledRequest {
  name: string;
  method: HttpMethod;
  weight: number;
  /** Dispatch options reused for every request when nothing varies; null otherwise. */
  fixed: Dispatcher.DispatchOptions | null;
  /** Fresh options for this request (used when `fixed` is null). */
  build(ctx: RenderContext): Dispatcher.DispatchOptions;
  /** accepted[status] === 1 when the status passes `expect.status`. */
  accepted: Uint8Array;
  /** The body must contain these bytes; the engine keeps the body only when this is set. */
  bodyContains: Buffer | null;
}

export const METHODS: readonly HttpMethod[] = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
];
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const BAD_PATH = /[^\u0021-\u00ff]/;
/** Headers undici manages itself (or refuses): setting them would break keep-alive framing. */
const RESERVED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'transfer-encoding',
  'content-length',
]);

/** Substituted path values: anything undici would reject (spaces, non-ASCII) is percent-encoded. */
function pathEscape(v: string): string {
  if (!/[^\u0021-\u007e]/.test(v)) return v;
  try {
    return encodeURI(v);
  } catch {
    return encodeURIComponent(v);
  }
}

export function acceptedStatuses(statuses: readonly number[]): Uint8Array {
  const table = new Uint8Array(1000);
  if (statuses.length === 0) table.fill(1, 200, 400);
  for (const s of statuses) if (s >= 0 && s < 1000) table[s] = 1;
  return table;
}

export interface CompileOptions {
  scope: TemplateScope;
  /** Request kind for messages: `request` or `setup request`. */
  label?: string;
}

export function compileRequest(spec: RequestSpec, opts: CompileOptions): CompiledRequest {
  const label = `${opts.label ?? 'request'} '${spec.name}'`;
  const fail = (field: string, why: string): never => {
    throw new ScenarioError(`${label}: ${field}: ${why}`, { code: 'LG_SCENARIO' });
  };
  const tpl = (
    field: string,
    text: string,
    escape?: (v: string) => string,
    literal?: (t: string) => string,
  ): Template => {
    try {
      return compileTemplate(text, opts.scope, escape, literal);
    } catch (e) {
      if (e instanceof TemplateError) return fail(field, e.message);
      throw e;
    }
  };

  if (!METHODS.includes(spec.method))
    fail('method', `unknown method ${String(spec.method)} (expected ${METHODS.join(', ')})`);
  if (!spec.path.startsWith('/')) fail('path', `must start with / (got ${spec.path})`);

  // Path with query string: one template, query values URL-encoded after substitution.
  const pathParts: Template[] = [tpl('path', spec.path, pathEscape)];
  const query = Object.entries(spec.query);
  query.forEach(([k, v], n) => {
    const sep = n === 0 ? (spec.path.includes('?') ? '&' : '?') : '&';
    pathParts.push(constantTemplate(`${sep}${encodeURIComponent(k)}=`));
    pathParts.push(tpl(`query.${k}`, v, encodeURIComponent, encodeURIComponent));
  });
  const path = joinTemplates(pathParts);

  const headerNames: string[] = [];
  const headerValues: Template[] = [];
  for (const [name, value] of Object.entries(spec.headers)) {
    if (!TOKEN.test(name)) fail(`headers.${name}`, 'not a valid header name');
    if (RESERVED_HEADERS.has(name.toLowerCase()))
      fail(`headers.${name}`, 'is managed by the engine; remove it');
    headerNames.push(name);
    headerValues.push(tpl(`headers.${name}`, value));
  }
  const hasHeader = (n: string): boolean => headerNames.some((h) => h.toLowerCase() === n);
  let body: Template | null = null;
  if (spec.body.kind === 'json') {
    body = tpl('body', JSON.stringify(spec.body.value) ?? 'null', jsonStringEscape);
    if (!hasHeader('content-type')) {
      headerNames.push('content-type');
      headerValues.push(constantTemplate('application/json'));
    }
  } else if (spec.body.kind === 'raw') {
    body = tpl('body', spec.body.value);
    if (spec.body.contentType !== null && !hasHeader('content-type')) {
      headerNames.push('content-type');
      headerValues.push(constantTemplate(spec.body.contentType));
    }
  }

  const method = spec.method;
  const build = (ctx: RenderContext): Dispatcher.DispatchOptions => {
    const headers: string[] = [];
    for (let i = 0; i < headerNames.length; i++) {
      headers.push(headerNames[i]!, headerValues[i]!.render(ctx)); // parallel arrays
    }
    return {
      method,
      path: path.render(ctx),
      headers: headers.length > 0 ? headers : null,
      body: body ? body.render(ctx) : null,
    };
  };

  // Check one rendering now, so that a bad path or header value fails before load.
  const sample = build({
    seq: 1,
    row: opts.scope.columns ? sampleRow(opts.scope.columns) : null,
    rng: createRng(1),
  });
  if (BAD_PATH.test(sample.path))
    fail('path', `${JSON.stringify(spec.path)} gives a path with spaces or control characters`);
  const sampleHeaders = (sample.headers ?? []) as string[];
  for (let i = 0; i < sampleHeaders.length; i += 2) {
    if (BAD_HEADER_VALUE.test(sampleHeaders[i + 1] ?? ''))
      fail(`headers.${sampleHeaders[i]}`, 'the value has control characters');
  }

  const isFixed =
    path.constant !== null &&
    headerValues.every((v) => v.constant !== null) &&
    (!body || body.constant !== null);
  const fixed: Dispatcher.DispatchOptions | null = isFixed
    ? { ...sample, body: body ? Buffer.from(body.constant ?? '') : null }
    : null;
  return {
    name: spec.name,
    method,
    weight: spec.weight,
    fixed,
    build,
    accepted: acceptedStatuses(spec.expect.status),
    bodyContains: spec.expect.bodyContains ? Buffer.from(spec.expect.bodyContains) : null,
  };
}

function joinTemplates(parts: Template[]): Template {
  if (parts.every((p) => p.constant !== null))
    return constantTemplate(parts.map((p) => p.constant).join(''));
  return {
    constant: null,
    render(ctx) {
      let out = '';
      for (const p of parts) out += p.render(ctx);
      return out;
    },
  };
}

function sampleRow(columns: ReadonlySet<string>): Record<string, string> {
  const row: Record<string, string> = {};
  for (const c of columns) row[c] = 'x';
  return row;
}

/** All load requests; names must be unique (they key the per-endpoint statistics). */
export function compileRequests(
  specs: readonly RequestSpec[],
  scope: TemplateScope,
): CompiledRequest[] {
  if (specs.length === 0)
    throw new ScenarioError('the scenario has no requests', { code: 'LG_SCENARIO' });
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.name))
      throw new ScenarioError(`two requests are named '${s.name}': names must be unique`, {
        code: 'LG_SCENARIO',
      });
    seen.add(s.name);
  }
  const compiled = specs.map((s) => compileRequest(s, { scope }));
  if (!compiled.some((r) => r.weight > 0))
    throw new ScenarioError('every request has weight 0', { code: 'LG_SCENARIO' });
  return compiled;
}
