/** GitHub-shaped answers the emulator gives: errors, faults (outages, limits, permissions). */
import type { IncomingMessage } from 'node:http';

export type FaultKind =
  'server-error' | 'not-accessible' | 'rate-limit' | 'secondary-rate-limit' | 'not-found';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const DOCS = 'https://docs.github.com/rest/issues/comments';

export function faultReply(kind: FaultKind): Reply {
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case 'server-error':
      return error(502, 'Server Error');
    case 'not-accessible':
      return error(403, 'Resource not accessible by integration');
    case 'not-found':
      return error(404, 'Not Found');
    case 'rate-limit':
      // A primary limit that resets now: the client waits about a second (in backoff units).
      return {
        ...error(403, 'API rate limit exceeded for installation ID 1.'),
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '5000',
          'x-ratelimit-reset': String(now),
        },
      };
    case 'secondary-rate-limit':
      return {
        ...error(
          429,
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        ),
        headers: { 'retry-after': '1' },
      };
  }
}

export function error(status: number, message: string): Reply {
  return { status, body: { message, documentation_url: DOCS, status: String(status) } };
}

export function tooLong(): Reply {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)',
        },
      ],
      documentation_url: DOCS,
    },
  };
}

export function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
