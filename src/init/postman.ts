/**
 * A Postman collection (format v2.1; v2.0 reads the same) -> a draft scenario. Pure: the caller
 * reads and JSON-parses the file.
 *
 * Folders are walked in order; every request becomes an endpoint (routes.ts groups requests
 * that differ only by an id). Collection variables become `vars:`, `{{name}}` becomes
 * `${vars.name}`, and the dynamic variables loadgate has (`{{$guid}}`, `{{$randomUUID}}`,
 * `{{$randomInt}}`) become its built-ins. The host part of URLs is dropped: the scenario sends
 * to its target. Auth is never copied: it becomes a commented header with `${env.NAME}`.
 */
import { ConfigError } from '../errors.js';
import { isHttpMethod } from '../config/schema.js';
import { emptyDraft } from './types.js';
import type { DraftBody, DraftCredential, DraftScenario } from './types.js';
import { bodyOf, DESTRUCTIVE } from './har.js';
import { keepHeaders, mergeCredentials } from './headers.js';
import { groupEndpoints, type Observed } from './routes.js';
import {
  arr,
  envName,
  identifier,
  isObj,
  literal,
  literalJson,
  obj,
  str,
  type Obj,
} from './text.js';

const DYNAMIC: Record<string, string> = {
  $guid: '${uuid}',
  $randomUUID: '${uuid}',
  $randomInt: '${randomInt(0,1000)}',
};

class Unsupported extends Error {}

interface Context {
  vars: Map<string, { name: string; value: string; defined: boolean }>;
}

/** `{{name}}` -> `${vars.name}` (declaring undefined names), literal text escaped. */
function mapText(text: string, ctx: Context): string {
  return literal(text).replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_, name: string) => {
    if (name.startsWith('$')) {
      const built = DYNAMIC[name];
      if (built === undefined) throw new Unsupported(`dynamic variable {{${name}}}`);
      return built;
    }
    let v = ctx.vars.get(name);
    if (v === undefined) {
      v = { name: identifier(name, 'var'), value: '', defined: false };
      ctx.vars.set(name, v);
    }
    return `\${vars.${v.name}}`;
  });
}

/** `{{baseUrl}}/users/:id?x=1` or `https://api.io/users` -> path and query (raw strings). */
function splitRaw(raw: string): { path: string; query: [string, string][] } {
  const noHost = raw.replace(/^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\{\{[^}]*\}\}|[^/?#{]+)*/i, '');
  const [pathPart = '', queryPart = ''] = noHost.split('#')[0]!.split('?', 2) as [string?, string?];
  const query = queryPart
    .split('&')
    .filter((p) => p !== '')
    .map((p): [string, string] => {
      const [k = '', v = ''] = p.split('=', 2) as [string?, string?];
      return [decodeURIComponent(k), decodeURIComponent(v)];
    });
  return { path: pathPart === '' ? '/' : pathPart, query };
}

function urlOf(urlIn: unknown): { segments: string[]; query: [string, string][]; pathVars: Obj } {
  if (typeof urlIn === 'string') {
    const { path, query } = splitRaw(urlIn);
    return { segments: path.split('/').slice(1), query, pathVars: {} };
  }
  const url = obj(urlIn);
  const pathVars: Obj = {};
  for (const v of arr(url.variable)) {
    const key = str(obj(v).key);
    if (key !== null) pathVars[key] = obj(v).value;
  }
  let segments: string[];
  let query: [string, string][];
  if (Array.isArray(url.path)) {
    segments = url.path.map((s) => (typeof s === 'string' ? s : (str(obj(s).value) ?? '')));
    query = arr(url.query).flatMap((q): [string, string][] => {
      const o = obj(q);
      const key = str(o.key);
      return key === null || o.disabled === true ? [] : [[key, str(o.value) ?? '']];
    });
  } else {
    const split = splitRaw(str(url.raw) ?? '/');
    segments = split.path.split('/').slice(1);
    query = split.query;
  }
  return { segments, query, pathVars };
}

function authCredential(auth: Obj, from: string): DraftCredential | null {
  const type = str(auth.type);
  if (type === null || type === 'noauth') return null;
  const settings = new Map<string, string>();
  for (const kv of arr(auth[type])) {
    const key = str(obj(kv).key);
    const value = obj(kv).value;
    if (key !== null) settings.set(key, typeof value === 'string' ? value : '');
  }
  if (type === 'basic')
    return { in: 'header', name: 'Authorization', value: 'Basic ${env.API_BASIC_AUTH}', from };
  if (type === 'apikey') {
    const key = settings.get('key') || 'X-API-Key';
    const where = settings.get('in') === 'query' ? 'query' : 'header';
    return { in: where, name: key, value: `\${env.${envName(key)}}`, from };
  }
  return { in: 'header', name: 'Authorization', value: 'Bearer ${env.API_TOKEN}', from };
}

function bodyFor(bodyIn: unknown, ctx: Context): DraftBody {
  const body = obj(bodyIn);
  if (body.disabled === true) return { kind: 'none' };
  const mode = str(body.mode);
  const map = (s: string) => mapText(s, ctx);
  if (mode === 'raw') {
    const raw = str(body.raw) ?? '';
    const language = str(obj(obj(body.options).raw).language);
    const json = language === 'json' || /^\s*[[{]/.test(raw);
    return bodyOf(json ? 'application/json' : 'text/plain', raw, map);
  }
  if (mode === 'urlencoded') {
    const pairs = arr(body.urlencoded).flatMap((p): [string, string][] => {
      const o = obj(p);
      return o.disabled === true ? [] : [[str(o.key) ?? '', str(o.value) ?? '']];
    });
    const text = new URLSearchParams(pairs).toString();
    return { kind: 'raw', value: map(text), contentType: 'application/x-www-form-urlencoded' };
  }
  if (mode === 'graphql') {
    const g = obj(body.graphql);
    let variables: unknown = {};
    try {
      variables = JSON.parse(str(g.variables) ?? '{}');
    } catch {
      variables = {};
    }
    return { kind: 'json', value: literalJson({ query: str(g.query) ?? '', variables }, map) };
  }
  if (mode === 'formdata' || mode === 'file') throw new Unsupported(`${mode} body`);
  return { kind: 'none' };
}

export function draftFromPostman(collectionIn: unknown, label: string): DraftScenario {
  const collection = obj(collectionIn);
  const info = obj(collection.info);
  const schema = str(info.schema) ?? '';
  if (!Array.isArray(collection.item) || !/collection\/v2\.[01]/.test(schema)) {
    throw new ConfigError(
      `${label}: not a Postman collection v2.1 (expected info.schema ".../collection/v2.1.0/..." and an item list; export it from Postman as Collection v2.1)`,
      { code: 'LG_INIT_SOURCE' },
    );
  }
  const title = str(info.name);
  const draft = emptyDraft(`Postman collection ${label}${title ? ` ("${title}")` : ''}`);
  const ctx: Context = { vars: new Map() };
  for (const v of arr(collection.variable)) {
    const o = obj(v);
    const key = str(o.key);
    if (key === null || o.disabled === true) continue;
    const value = o.value;
    ctx.vars.set(key, {
      name: identifier(key, 'var'),
      value:
        typeof value === 'string'
          ? value
          : value === undefined || value === null
            ? ''
            : String(value),
      defined: true,
    });
  }
  const credentials: DraftCredential[] = [];
  const observed: Observed[] = [];
  let scripts = 0;

  const walk = (items: unknown[], folder: string, inherited: Obj | null): void => {
    for (const itemIn of items) {
      const item = obj(itemIn);
      const name = str(item.name) ?? 'request';
      const auth = isObj(item.auth) ? item.auth : inherited;
      if (arr(item.event).length > 0) scripts++;
      if (Array.isArray(item.item)) {
        walk(item.item, `${folder}${name} / `, auth);
        continue;
      }
      const where = `${folder}${name}`;
      try {
        observed.push(observe(item, where, auth));
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        draft.skipped.push({ label: where, reason: `${e.message} (not supported)` });
      }
    }
  };
  const observe = (item: Obj, where: string, auth: Obj | null): Observed => {
    const request = typeof item.request === 'string' ? { url: item.request } : obj(item.request);
    const method = (str(request.method) ?? 'GET').toUpperCase();
    if (!isHttpMethod(method)) throw new Unsupported(`method ${method}`);
    const url = urlOf(request.url);
    const segments = url.segments.map((s) => {
      if (!s.startsWith(':')) return mapText(s, ctx);
      const value = url.pathVars[s.slice(1)];
      if (typeof value !== 'string' || value === '')
        throw new Unsupported(`path variable ${s} has no value`);
      return mapText(value, ctx);
    });
    const query: Record<string, string> = {};
    for (const [k, v] of url.query) if (!(k in query)) query[k] = mapText(v, ctx);
    const headerPairs = arr(request.header).flatMap((h) => {
      const o = obj(h);
      const key = str(o.key);
      return key === null || o.disabled === true ? [] : [[key, str(o.value) ?? ''] as const];
    });
    const kept = keepHeaders(headerPairs, (v) => mapText(v, ctx), `header of "${where}"`);
    credentials.push(...kept.credentials);
    const requestAuth = isObj(request.auth) ? request.auth : auth;
    if (requestAuth !== null) {
      const c = authCredential(requestAuth, `auth of "${where}" (not copied)`);
      if (c !== null) credentials.push(c);
    }
    return {
      method,
      path: `/${segments.join('/')}`,
      query,
      headers: kept.headers,
      body: bodyFor(request.body, ctx),
      label: where,
      disabled: method === 'DELETE' ? DESTRUCTIVE : null,
    };
  };
  walk(collection.item, '', isObj(collection.auth) ? collection.auth : null);

  const endpoints = groupEndpoints(observed);
  draft.requests = endpoints.requests;
  draft.data = endpoints.data;
  draft.credentials = mergeCredentials(credentials);
  for (const v of ctx.vars.values()) {
    draft.vars[v.name] = v.value;
    if (!v.defined) {
      draft.varNotes[v.name] =
        'not defined in the collection (a Postman environment or global variable): set its value';
    }
  }
  if (scripts > 0) {
    draft.notes.push(
      `${scripts} item(s) have pre-request or test scripts: loadgate does not run them (see setup: and expect: in docs/configuration.md)`,
    );
  }
  return draft;
}
