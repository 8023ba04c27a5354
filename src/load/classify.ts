/**
 * Which ErrorKind a failed request counts as (pure). Transport failures come from undici's error
 * codes and the socket's errno; answered requests from the status table and the body check.
 */
import type { ErrorKind } from './types.js';

/**
 * The engine's own timeout (total time of one request), raised through undici's abort. Counted
 * as the request's error kind `timeout`, never thrown to a user.
 */
export class RequestTimeoutError extends Error {
  readonly code = 'LG_REQUEST_TIMEOUT';
  constructor(message: string) {
    super(message);
    this.name = 'RequestTimeoutError';
  }
}

const TIMEOUT_CODES = new Set([
  'LG_REQUEST_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const REFUSED_CODES = new Set([
  'ECONNREFUSED',
  'EADDRNOTAVAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const PROTOCOL_CODES = new Set([
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_HEADERS_OVERFLOW',
  'UND_ERR_INFO',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
]);

export function classifyError(err: unknown): ErrorKind {
  const e = err as { code?: unknown; name?: unknown } | null;
  const code = e?.code;
  // undici's HTTPParserError has no code for some parser failures (e.g. not HTTP at all).
  if (e?.name === 'HTTPParserError') return 'protocol';
  if (typeof code !== 'string') return 'other';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (REFUSED_CODES.has(code)) return 'connect-refused';
  if (RESET_CODES.has(code)) return 'connect-reset';
  if (code.startsWith('HPE_') || PROTOCOL_CODES.has(code)) return 'protocol';
  return 'other';
}

/** Transport errors after which the connection should wait before trying again. */
export function isConnectFailure(kind: ErrorKind): boolean {
  return kind === 'connect-refused';
}

/** The kind of an answered request, or null when it passed. */
export function classifyAnswer(
  status: number,
  accepted: Uint8Array,
  bodyContains: Buffer | null,
  body: Buffer | null,
): ErrorKind | null {
  if (accepted[status] !== 1) return `status:${status}`;
  if (bodyContains !== null && (body === null || body.indexOf(bodyContains) < 0))
    return 'check-failed';
  return null;
}
