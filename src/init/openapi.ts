/**
 * A dereferenced OpenAPI 3.x or Swagger 2 document -> a draft scenario. Pure: the document is
 * read and its `$ref`s resolved by read-openapi.ts.
 *
 * One request per GET operation whose required parameters can all be filled (values.ts);
 * operations that cannot be filled, or that need credentials, are kept as skipped items or
 * commented-out requests with the reason. Weights favour list routes (3) and detail routes (2).
 */
import { ConfigError } from '../errors.js';
import { isLoopbackHost } from '../config/target.js';
import { emptyDraft } from './types.js';
import type { DraftCredential, DraftRequest, DraftScenario } from './types.js';
import {
  arr,
  envName,
  isObj,
  literal,
  obj,
  seriesName,
  str,
  uniqueName,
  type Obj,
} from './text.js';
import { parameterValue } from './values.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const UTILITY =
  /(^|\/)(health|healthz|ready|readyz|live|livez|ping|status|metrics|docs|openapi|swagger|redoc)([./]|$)/i;

export const LIST_WEIGHT = 3;
export const DETAIL_WEIGHT = 2;

interface Version {
  kind: 'openapi3' | 'swagger2';
  label: string;
}

function version(doc: Obj, label: string): Version {
  const openapi = str(doc.openapi);
  if (openapi !== null && openapi.startsWith('3.'))
    return { kind: 'openapi3', label: `OpenAPI ${openapi}` };
  if (str(doc.swagger) === '2.0') return { kind: 'swagger2', label: 'Swagger 2.0' };
  throw new ConfigError(
    `${label}: not an OpenAPI 3.x or Swagger 2.0 document (no "openapi: 3.x" or "swagger: 2.0" key)`,
    { code: 'LG_INIT_SOURCE' },
  );
}

/** The path prefix of the first server (3.x `servers[0].url`, 2.0 `basePath`). */
function basePath(
  doc: Obj,
  v: Version,
): { prefix: string; note: string | null; origin: string | null } {
  let raw: string | null;
  if (v.kind === 'swagger2') {
    raw = str(doc.basePath);
  } else {
    const server = obj(arr(doc.servers)[0]);
    raw = str(server.url);
    if (raw !== null) {
      const vars = obj(server.variables);
      raw = raw.replace(/\{([^}]+)\}/g, (_, name: string) => str(obj(vars[name]).default) ?? '');
    }
  }
  if (raw === null || raw === '') return { prefix: '', note: null, origin: null };
  let path = raw;
  let origin: string | null = null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      path = url.pathname;
      if (isLoopbackHost(url.hostname) && /^https?:$/.test(url.protocol)) origin = url.origin;
    } catch {
      path = '';
    }
  }
  const prefix = path.replace(/\/+$/, '');
  if (prefix === '' || !prefix.startsWith('/')) return { prefix: '', note: null, origin };
  return {
    prefix,
    note: `paths are prefixed with ${prefix} (from the document's first server)`,
    origin,
  };
}

/** `securitySchemes` (3.x) / `securityDefinitions` (2.0) -> credentials with `${env.NAME}`. */
export function credentialsOf(doc: Obj, v: Version): Map<string, DraftCredential> {
  const schemes =
    v.kind === 'swagger2' ? obj(doc.securityDefinitions) : obj(obj(doc.components).securitySchemes);
  const out = new Map<string, DraftCredential>();
  for (const [name, schemeIn] of Object.entries(schemes)) {
    const scheme = obj(schemeIn);
    const type = str(scheme.type) ?? 'unknown';
    const env = envName(name);
    const from = `security scheme "${name}" (${type}${scheme.scheme ? ` ${String(scheme.scheme)}` : ''})`;
    if (type === 'apiKey') {
      const key = str(scheme.name) ?? name;
      const where = str(scheme.in);
      if (where === 'query')
        out.set(name, { in: 'query', name: key, value: `\${env.${env}}`, from });
      else if (where === 'cookie')
        out.set(name, { in: 'header', name: 'Cookie', value: `${key}=\${env.${env}}`, from });
      else out.set(name, { in: 'header', name: key, value: `\${env.${env}}`, from });
    } else if (type === 'http' || type === 'basic') {
      const s = (str(scheme.scheme) ?? (type === 'basic' ? 'basic' : 'bearer')).toLowerCase();
      const prefix = s === 'basic' ? 'Basic' : s === 'bearer' ? 'Bearer' : s;
      out.set(name, {
        in: 'header',
        name: 'Authorization',
        value: `${prefix} \${env.${env}}`,
        from,
      });
    } else {
      // oauth2, openIdConnect: a bearer token obtained outside the load test.
      out.set(name, { in: 'header', name: 'Authorization', value: `Bearer \${env.${env}}`, from });
    }
  }
  return out;
}

/** Scheme names an operation needs, or [] when it can be called without credentials. */
function requiredSchemes(op: Obj, doc: Obj): string[] {
  const security = op.security !== undefined ? arr(op.security) : arr(doc.security);
  if (security.length === 0 || security.some((r) => isObj(r) && Object.keys(r).length === 0))
    return [];
  const first = obj(security[0]);
  return Object.keys(first);
}

/** Path-level parameters overridden by the operation's own (same name and location). */
function parametersOf(pathItem: Obj, op: Obj): Obj[] {
  const byKey = new Map<string, Obj>();
  for (const p of [...arr(pathItem.parameters), ...arr(op.parameters)]) {
    if (!isObj(p)) continue;
    byKey.set(`${String(p.in)}:${String(p.name)}`, p);
  }
  return [...byKey.values()];
}

/** Does a 2xx answer of the operation look like a list (an array, or an object wrapping one)? */
function answersList(op: Obj): boolean {
  const responses = obj(op.responses);
  const ok = obj(responses['200'] ?? responses['2XX'] ?? responses.default);
  const schemas: unknown[] = [ok.schema];
  for (const media of Object.values(obj(ok.content))) schemas.push(obj(media).schema);
  return schemas.some((s) => {
    const schema = obj(s);
    if (schema.type === 'array') return true;
    const props = obj(schema.properties);
    return ['items', 'results', 'data', 'content', 'records'].some(
      (k) => obj(props[k]).type === 'array',
    );
  });
}

export function draftFromOpenApi(docIn: unknown, label: string): DraftScenario {
  const doc = obj(docIn);
  const v = version(doc, label);
  const draft = emptyDraft(`${v.label} description ${label}`);
  const info = obj(doc.info);
  const title = str(info.title);
  draft.name = title === null ? null : seriesName(title);
  const base = basePath(doc, v);
  if (base.note !== null) draft.notes.push(base.note);
  draft.target = base.origin;
  const credentials = credentialsOf(doc, v);
  draft.credentials = [...credentials.values()];

  const paths = obj(doc.paths);
  const getPaths = new Set(Object.keys(paths).filter((p) => isObj(obj(paths[p]).get)));
  const names = new Set<string>();
  const otherMethods = new Map<string, number>();

  for (const [path, pathItemIn] of Object.entries(paths)) {
    const pathItem = obj(pathItemIn);
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!isObj(op)) continue;
      if (method !== 'get') {
        const m = method.toUpperCase();
        otherMethods.set(m, (otherMethods.get(m) ?? 0) + 1);
        continue;
      }
      const routeLabel = `GET ${base.prefix}${path}`;
      const result = requestFor(path, pathItem, op);
      if (!result.ok) {
        draft.skipped.push({ label: routeLabel, reason: result.reason });
        continue;
      }
      const detail = /\}\/?$/.test(path);
      const list =
        !detail &&
        ([...getPaths].some((p) => p.startsWith(`${path.replace(/\/$/, '')}/{`)) ||
          answersList(op));
      const utility = UTILITY.test(path);
      const weight = utility ? 1 : list ? LIST_WEIGHT : detail ? DETAIL_WEIGHT : 1;
      const kind = utility ? '' : list ? ', list route' : detail ? ', detail route' : '';
      const schemes = requiredSchemes(op, doc);
      const headers = { ...result.headers };
      const query = { ...result.query };
      for (const s of schemes) {
        const c = credentials.get(s);
        if (c?.in === 'header') headers[c.name] = c.value;
        else if (c?.in === 'query') query[c.name] = c.value;
      }
      const id = str(op.operationId);
      const request: DraftRequest = {
        name: uniqueName(routeLabel, names),
        method: 'GET',
        path: `${literal(base.prefix)}${result.path}`,
        query,
        headers,
        body: { kind: 'none' },
        weight,
        note: `${id !== null ? `operationId ${id}` : 'no operationId'}${kind}${result.filled.length > 0 ? `; ${result.filled.join(', ')}` : ''}`,
        disabled:
          schemes.length > 0
            ? `needs credentials (${schemes.join(', ')}): set ${schemes.map((s) => envName(s)).join(', ')} and uncomment`
            : null,
      };
      draft.requests.push(request);
    }
  }
  if (otherMethods.size > 0) {
    const counts = [...otherMethods].map(([m, n]) => `${n} ${m}`).join(', ');
    draft.notes.push(
      `not generated: ${counts} operation(s); add the ones worth loading by hand (with their bodies)`,
    );
  }
  return draft;
}

type Filled =
  | {
      ok: true;
      path: string;
      query: Record<string, string>;
      headers: Record<string, string>;
      filled: string[];
    }
  | { ok: false; reason: string };

function requestFor(path: string, pathItem: Obj, op: Obj): Filled {
  let filledPath = literal(path);
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  const filled: string[] = [];
  for (const p of parametersOf(pathItem, op)) {
    const name = str(p.name) ?? '';
    const where = str(p.in) ?? '';
    const required = p.required === true || where === 'path';
    if (!required) continue;
    if (where === 'cookie')
      return { ok: false, reason: `required cookie parameter ${name} (not generated)` };
    if (where !== 'path' && where !== 'query' && where !== 'header') continue;
    const found = parameterValue(p);
    if (found === null) {
      return {
        ok: false,
        reason: `required ${where} parameter ${name} has no example, default, enum or bounds`,
      };
    }
    filled.push(`${name}=${found.value} (${found.from})`);
    if (where === 'path') {
      const encoded = literal(encodeURIComponent(found.value));
      filledPath = filledPath.replaceAll(`{${name}}`, () => encoded);
    } else if (where === 'query') {
      query[name] = literal(found.value);
    } else {
      headers[name] = literal(found.value);
    }
  }
  const left = /\{([^}]+)\}/.exec(filledPath);
  if (left) return { ok: false, reason: `path parameter ${left[1]} is not described` };
  return { ok: true, path: filledPath, query, headers, filled };
}
