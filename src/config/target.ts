/**
 * `target:` URLs. loadgate only ever sends load to this machine (loopback), so a typo can
 * never turn a CI job into a load test of someone else's server.
 */

export type TargetResult = { ok: true; origin: string } | { ok: false; message: string };

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || IPV4_LOOPBACK.test(host);
}

/** Check a target URL; the result is its origin (`http://127.0.0.1:8080`, no trailing slash). */
export function checkTarget(text: string): TargetResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'expected a URL like http://127.0.0.1:8080' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'expected an http:// or https:// URL' };
  }
  if (!isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message:
        'only loopback hosts (127.0.0.0/8, ::1, localhost) are accepted: loadgate loads only this machine',
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
