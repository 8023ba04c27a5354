/**
 * Which recorded request headers go into the scenario. Pure. Cookies, `Authorization` and
 * anything that looks like a secret are never copied: each becomes a credential, written as a
 * commented header with `${env.NAME}`. Headers the browser or the HTTP client sets by itself
 * are dropped; what is left (Accept: application/json, X-Requested-With, custom headers) is kept.
 */
import type { DraftCredential } from './types.js';
import { envName } from './text.js';

const DROPPED = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'upgrade',
  'expect',
  'te',
  'user-agent',
  'accept-encoding',
  'accept-language',
  'referer',
  'origin',
  'pragma',
  'cache-control',
  'dnt',
  'priority',
  'if-none-match',
  'if-modified-since',
  'upgrade-insecure-requests',
  'postman-token',
  'content-type', // sent with the body (json: or content-type:)
]);
const SECRET_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie']);
const SECRET_LOOKING =
  /token|secret|passw|auth|api[-_]?key|session|csrf|xsrf|signature|credential/i;

export interface KeptHeaders {
  headers: Record<string, string>;
  credentials: DraftCredential[];
}

/**
 * `headers`: name/value pairs as recorded; `map` turns a value into template text. `from` says
 * where a credential was seen (for its comment).
 */
export function keepHeaders(
  headers: readonly (readonly [string, string])[],
  map: (value: string) => string,
  from: string,
): KeptHeaders {
  const kept: Record<string, string> = {};
  const credentials: DraftCredential[] = [];
  for (const [rawName, value] of headers) {
    const name = rawName.trim();
    const lower = name.toLowerCase();
    if (name === '' || name.startsWith(':') || lower.startsWith('sec-') || DROPPED.has(lower))
      continue;
    if (SECRET_NAMES.has(lower) || SECRET_LOOKING.test(lower)) {
      const scheme = /^(Bearer|Basic|Token)\s/i.exec(value)?.[1];
      const env =
        lower === 'cookie' ? 'API_COOKIE' : envName(lower === 'authorization' ? 'API_TOKEN' : name);
      credentials.push({
        in: 'header',
        name,
        value: scheme ? `${scheme} \${env.${env}}` : `\${env.${env}}`,
        from: `${from} (value not copied)`,
      });
      continue;
    }
    if (lower === 'accept' && !/json|xml|text\/plain/i.test(value)) continue;
    if (!(lower in kept) && !Object.keys(kept).some((k) => k.toLowerCase() === lower))
      kept[name] = map(value);
  }
  return { headers: kept, credentials };
}

/** Credentials deduplicated by header name (the first seen wins). */
export function mergeCredentials(list: readonly DraftCredential[]): DraftCredential[] {
  const seen = new Map<string, DraftCredential>();
  for (const c of list) {
    const key = `${c.in}:${c.name.toLowerCase()}`;
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}
