/**
 * `target:` URLs. By default loadgate only sends load to this machine (loopback), so a typo can
 * never turn a CI job into a load test of someone else's server. A config that names a remote
 * URL on purpose (a preview deployment) says so with `allow-remote-target: true`.
 */

import { DEFAULTS } from './defaults.js';
import type { TargetAccess, TargetReadyConfig } from './types.js';

export type TargetResult = { ok: true; origin: string } | { ok: false; message: string };

/** The key that lets `target:` name a host that is not this machine. */
export const ALLOW_REMOTE_KEY = 'allow-remote-target';

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || IPV4_LOOPBACK.test(host);
}

/** True when the origin's host is not loopback (the report records it: the API ran elsewhere). */
export function isRemoteTarget(origin: string | null): boolean {
  if (origin === null) return false;
  try {
    return !isLoopbackHost(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/**
 * Check a target URL; the result is its origin (`http://127.0.0.1:8080`, no trailing slash).
 * `allowRemote`: the config opted in to hosts other than loopback.
 */
export function checkTarget(text: string, allowRemote = false): TargetResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'expected a URL like http://127.0.0.1:8080' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'expected an http:// or https:// URL' };
  }
  if (!allowRemote && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message:
        'only loopback hosts (127.0.0.0/8, ::1, localhost) are accepted unless the config sets ' +
        `${ALLOW_REMOTE_KEY}: true (loadgate then sends the whole configured load to ` +
        `${url.hostname}: a preview deployment, never production)`,
    };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'expected no user or password in the URL (use request headers)' };
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    return { ok: false, message: 'expected just scheme, host and port: put paths in requests' };
  }
  return { ok: true, origin: url.origin };
}

/**
 * The readiness wait before load on a target: `target-ready` when given; for a remote target
 * always (a preview may still be deploying), with the defaults; none for loopback otherwise.
 */
export function targetReadiness(
  target: string | null,
  access: TargetAccess | undefined,
): TargetReadyConfig | null {
  if (target === null) return null;
  if (access?.ready) return access.ready;
  return isRemoteTarget(target) ? { ...DEFAULTS.targetReady } : null;
}
