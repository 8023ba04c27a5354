/**
 * Records a HAR from Debian's Chromium: puppeteer-core drives /usr/bin/chromium (headless) to a
 * page, the DevTools protocol's Network events are collected, and the entries are written in
 * HAR 1.2 form (request line, headers, cookies, post data as text, response status and MIME
 * type, Chromium's `_resourceType`), as DevTools' "Save all as HAR" does.
 */
import puppeteer, { type Protocol } from 'puppeteer-core';

export const CHROMIUM = '/usr/bin/chromium';

interface Pending {
  request: Protocol.Network.Request;
  type: string;
  postData: string | null;
  response: Protocol.Network.Response | null;
  failed: boolean;
}

const pairs = (h: Record<string, string>) =>
  Object.entries(h).map(([name, value]) => ({ name, value }));

/** Opens `url`, waits until `window.__done === true` (the page's own requests finished). */
export async function recordHar(url: string, timeoutMs = 30_000): Promise<unknown> {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    const cdp = await page.createCDPSession();
    const seen = new Map<string, Pending>();
    cdp.on('Network.requestWillBeSent', (e) => {
      seen.set(e.requestId, {
        request: e.request,
        type: (e.type ?? 'Other').toLowerCase(),
        postData: e.request.postData ?? null,
        response: null,
        failed: false,
      });
    });
    // The headers actually sent (Cookie included) come in a separate event, in either order.
    const extra = new Map<string, Record<string, string>>();
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      extra.set(e.requestId, e.headers as Record<string, string>);
    });
    cdp.on('Network.responseReceived', (e) => {
      const p = seen.get(e.requestId);
      if (p) p.response = e.response;
    });
    cdp.on('Network.loadingFailed', (e) => {
      const p = seen.get(e.requestId);
      if (p) p.failed = true;
    });
    await cdp.send('Network.enable');
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    await page.waitForFunction('window.__done === true', { timeout: timeoutMs });
    for (const [id, p] of seen) {
      const sent = extra.get(id);
      if (sent) p.request.headers = { ...p.request.headers, ...sent };
      if (p.request.hasPostData && p.postData === null) {
        const r = await cdp.send('Network.getRequestPostData', { requestId: id }).catch(() => null);
        p.postData = r?.postData ?? null;
      }
    }
    const version = await browser.version();
    return {
      log: {
        version: '1.2',
        creator: { name: 'Chromium (puppeteer-core, DevTools protocol)', version },
        entries: [...seen.values()].map((p) => {
          const headers = p.request.headers;
          const cookie = Object.entries(headers).find(([k]) => k.toLowerCase() === 'cookie')?.[1];
          return {
            _resourceType: p.type,
            request: {
              method: p.request.method,
              url: p.request.url,
              httpVersion: 'HTTP/1.1',
              headers: pairs(headers),
              cookies: (cookie ?? '')
                .split(';')
                .filter((c) => c.includes('='))
                .map((c) => {
                  const [name = '', ...rest] = c.trim().split('=');
                  return { name, value: rest.join('=') };
                }),
              queryString: [...new URL(p.request.url).searchParams].map(([name, value]) => ({
                name,
                value,
              })),
              ...(p.postData !== null
                ? {
                    postData: {
                      mimeType:
                        Object.entries(headers).find(
                          ([k]) => k.toLowerCase() === 'content-type',
                        )?.[1] ?? '',
                      text: p.postData,
                    },
                  }
                : {}),
            },
            response: {
              status: p.failed || !p.response ? 0 : p.response.status,
              headers: p.response ? pairs(p.response.headers) : [],
              content: { mimeType: p.response?.mimeType ?? '' },
            },
          };
        }),
      },
    };
  } finally {
    await browser.close();
  }
}
