/**
 * A HAR export (browser DevTools "Save all as HAR", or a recording script) -> a draft scenario.
 * Pure: the caller reads and JSON-parses the file.
 *
 * Requests to the origin seen most often become endpoints (routes.ts); static assets, requests
 * that got no answer or an error status, and other origins are listed as not generated.
 * Cookies and Authorization are never copied; POST bodies are kept; DELETEs are written
 * commented out.
 */
import { ConfigError } from '../errors.js';
import { isHttpMethod } from '../config/schema.js';
import { isLoopbackHost } from '../config/target.js';
import { emptyDraft } from './types.js';
import type { DraftBody, DraftCredential, DraftScenario } from './types.js';
import { keepHeaders, mergeCredentials } from './headers.js';
import { groupEndpoints, type Observed } from './routes.js';
import { arr, isObj, literal, literalJson, obj, str } from './text.js';

const STATIC_TYPES = new Set([
  'stylesheet',
  'script',
  'image',
  'font',
  'media',
  'manifest',
  'texttrack',
]);
const STATIC_EXT =
  /\.(js|mjs|css|map|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf|eot|mp4|webm|mp3|wasm)$/i;
const STATIC_MIME = /^(image|font|audio|video)\/|javascript|text\/css/i;

export const DESTRUCTIVE = 'DELETE changes data: uncomment if your test data allows it';

/** A recorded body -> json: (when it parses as JSON) or body: with its content type. */
export function bodyOf(mimeType: string | null, text: string | null, map = literal): DraftBody {
  if (text === null || text === '') return { kind: 'none' };
  if (mimeType !== null && /json/i.test(mimeType)) {
    try {
      return { kind: 'json', value: literalJson(JSON.parse(text), map) };
    } catch {
      // not JSON after all: sent as is
    }
  }
  return { kind: 'raw', value: map(text), contentType: mimeType };
}

function skipReason(entry: Record<string, unknown>, url: URL, method: string): string | null {
  const response = obj(entry.response);
  const status = typeof response.status === 'number' ? response.status : 0;
  const type = str(entry._resourceType);
  const mime = str(obj(response.content).mimeType) ?? '';
  if (
    (type !== null && STATIC_TYPES.has(type)) ||
    STATIC_EXT.test(url.pathname) ||
    STATIC_MIME.test(mime)
  )
    return 'static asset';
  if (!isHttpMethod(method)) return `method ${method}`;
  if (status === 0) return 'no answer when recorded (blocked or cancelled)';
  if (status >= 400) return `answered ${status} when recorded`;
  return null;
}

export function draftFromHar(harIn: unknown, label: string): DraftScenario {
  const log = obj(obj(harIn).log);
  if (!Array.isArray(log.entries)) {
    throw new ConfigError(`${label}: not a HAR file (no log.entries list)`, {
      code: 'LG_INIT_SOURCE',
    });
  }
  const creator = obj(log.creator);
  const by = str(creator.name);
  const draft = emptyDraft(
    `HAR ${label}${by ? ` (recorded by ${by}${creator.version ? ` ${String(creator.version)}` : ''})` : ''}`,
  );

  const parsed: { entry: Record<string, unknown>; url: URL; method: string }[] = [];
  for (const e of log.entries) {
    if (!isObj(e)) continue;
    const request = obj(e.request);
    try {
      const url = new URL(str(request.url) ?? '');
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      parsed.push({ entry: e, url, method: (str(request.method) ?? 'GET').toUpperCase() });
    } catch {
      continue;
    }
  }
  const kept = parsed.filter((p) => skipReason(p.entry, p.url, p.method) === null);
  const byOrigin = new Map<string, number>();
  for (const p of kept) byOrigin.set(p.url.origin, (byOrigin.get(p.url.origin) ?? 0) + 1);
  const origin = [...byOrigin].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  if (origin === null) {
    throw new ConfigError(
      `${label}: no request in the HAR can be replayed (${parsed.length} entries: static assets, errors or no answer)`,
      { code: 'LG_INIT_SOURCE' },
    );
  }
  draft.notes.push(`requests recorded to ${origin}; the scenario sends them to the target below`);
  if (isLoopbackHost(new URL(origin).hostname)) draft.target = origin;

  const skipped = new Map<string, number>();
  const count = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const observed: Observed[] = [];
  const credentials: DraftCredential[] = [];
  for (const p of parsed) {
    const reason = skipReason(p.entry, p.url, p.method);
    if (reason !== null || !isHttpMethod(p.method)) {
      count(reason ?? `method ${p.method}`);
      continue;
    }
    if (p.url.origin !== origin) {
      count(`other origin ${p.url.origin}`);
      continue;
    }
    const request = obj(p.entry.request);
    const headerPairs = arr(request.headers).flatMap((h) => {
      const name = str(obj(h).name);
      const value = str(obj(h).value);
      return name !== null && value !== null ? [[name, value] as const] : [];
    });
    const kept = keepHeaders(headerPairs, literal, `recorded header`);
    credentials.push(...kept.credentials);
    if (
      arr(request.cookies).length > 0 &&
      !headerPairs.some(([n]) => n.toLowerCase() === 'cookie')
    ) {
      credentials.push({
        in: 'header',
        name: 'Cookie',
        value: '${env.API_COOKIE}',
        from: 'recorded cookies (not copied)',
      });
    }
    const query: Record<string, string> = {};
    for (const [k, v] of p.url.searchParams) if (!(k in query)) query[k] = literal(v);
    const post = obj(request.postData);
    let text = str(post.text);
    if (text === null && Array.isArray(post.params)) {
      text = new URLSearchParams(
        post.params.map((x): [string, string] => [str(obj(x).name) ?? '', str(obj(x).value) ?? '']),
      ).toString();
    }
    observed.push({
      method: p.method,
      path: literal(p.url.pathname),
      query,
      headers: kept.headers,
      body: bodyOf(str(post.mimeType), text),
      label: null,
      disabled: p.method === 'DELETE' ? DESTRUCTIVE : null,
    });
  }
  const endpoints = groupEndpoints(observed);
  draft.requests = endpoints.requests;
  draft.data = endpoints.data;
  draft.credentials = mergeCredentials(credentials);
  for (const [reason, n] of skipped) {
    draft.skipped.push({ label: `${n} request${n === 1 ? '' : 's'}`, reason });
  }
  return draft;
}
