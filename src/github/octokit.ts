/**
 * The GitHub REST client: @actions/github's octokit (proxy-aware, GITHUB_API_URL) with the
 * retry plugin (5xx, backoff) and the throttling plugin (primary and secondary rate limits,
 * Retry-After honoured). Every failed attempt and every retry is logged; the token never is.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../log.js';
import { readPath } from '../util/guards.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface OctokitOptions {
  /** GITHUB_API_URL (GitHub Enterprise Server, or a local emulator in tests). */
  baseUrl?: string;
  log: Logger;
  /** Retries after the first attempt, for 5xx and rate limits. Default 3. */
  retries?: number;
  /** The backoff unit: 5xx waits (n+1)^2 units; rate limits wait their Retry-After in units. */
  backoffUnitMs?: number;
  /** Longer rate-limit waits are not worth a CI job's time: give up instead. Default 60 s. */
  maxRateLimitWaitSeconds?: number;
  /**
   * Each attempt gets this long for an answer (a GitHub that accepts the connection and never
   * answers would otherwise hold the step for undici's 300 s per attempt). Default 20 s.
   */
  requestTimeoutMs?: number;
  /** The whole publishing step's budget: once aborted, every attempt in flight or to come fails. */
  signal?: AbortSignal;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

// 429 is left to the throttling plugin, which honours Retry-After; the others are final.
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

interface RequestOptionsLike {
  method?: string;
  url?: string;
}

/** A client for one run. Creating it sends nothing. */
export function createOctokit(token: string, opts: OctokitOptions): Octokit {
  const { log } = opts;
  const retries = opts.retries ?? 3;
  const unit = opts.backoffUnitMs ?? 1000;
  const maxWait = opts.maxRateLimitWaitSeconds ?? 60;

  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      options: { method?: string; url?: string },
      _o: unknown,
      retryCount: number,
    ) => {
      const what = `GitHub API ${kind} on ${describe(options)}`;
      if (retryCount >= retries) {
        log.warn(`${what}: giving up after ${retries} retries`);
        return false;
      }
      if (retryAfter > maxWait) {
        log.warn(`${what}: it resets in ${retryAfter} s, longer than ${maxWait} s: not waiting`);
        return false;
      }
      log.info(`${what}: retry ${retryCount + 1} of ${retries} after ${retryAfter} s`);
      return true;
    };

  return getOctokit(
    token,
    {
      ...(opts.baseUrl ? { baseUrl: opts.baseUrl.replace(/\/+$/, '') } : {}),
      log: {
        debug: (m: string) => log.debug(m),
        info: (m: string) => log.debug(m),
        warn: (m: string) => log.warn(m),
        error: (m: string) => log.error(m),
      },
      retry: { retries, retryAfterBaseValue: unit, doNotRetry: DO_NOT_RETRY },
      throttle: {
        // One limiter key per client: separate runs in one process do not queue behind each other.
        id: `loadgate-${process.pid}-${++clientCount}`,
        retryAfterBaseValue: unit,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
      },
    },
    // Registered first, so its hook sits innermost and sees every single attempt.
    attemptLogger(log, retries, opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, opts.signal),
    retry,
    throttling,
  );
}

let clientCount = 0;

type OctokitPlugin = NonNullable<Parameters<typeof getOctokit>[2]>;

/**
 * Gives each attempt its own timeout (and the budget's signal), and logs each failed attempt
 * (status, method, path), saying whether a retry will follow.
 */
function attemptLogger(
  log: Logger,
  retries: number,
  timeoutMs: number,
  budget: AbortSignal | undefined,
): OctokitPlugin {
  return (octokit) => {
    octokit.hook.wrap('request', async (request, options) => {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = budget ? AbortSignal.any([budget, timeout]) : timeout;
      options.request = { ...options.request, signal };
      try {
        return await request(options);
      } catch (e) {
        // An abort reads "This operation was aborted": say which limit it was.
        if (e instanceof Error && budget?.aborted) {
          e.message = `the publishing time budget ran out during ${describe(options)}`;
        } else if (e instanceof Error && timeout.aborted) {
          e.message = `GitHub API did not answer ${describe(options)} within ${timeoutMs / 1000} s`;
        }
        const status = readPath(e, ['status']);
        // The retry plugin counts attempts in options.request.retryCount (untyped).
        const retryCount = readPath(options, ['request', 'retryCount']);
        const attempt = (typeof retryCount === 'number' ? retryCount : 0) + 1;
        if (typeof status === 'number' && status >= 500 && attempt <= retries) {
          log.info(
            `GitHub API answered ${status} to ${describe(options)} (attempt ${attempt}): retrying with backoff`,
          );
        } else {
          log.debug(
            `GitHub API: ${describe(options)} failed (attempt ${attempt}): ${status ?? 'no status'}`,
          );
        }
        throw e;
      }
    });
    return {};
  };
}

/** "POST /repos/o/r/issues/1/comments": method and path only (never headers or query). */
function describe(options: RequestOptionsLike): string {
  const url = options.url ?? '';
  let path = url;
  try {
    path = new URL(url, 'http://github.invalid').pathname;
  } catch {
    // keep the raw template
  }
  return `${(options.method ?? 'GET').toUpperCase()} ${path}`;
}
