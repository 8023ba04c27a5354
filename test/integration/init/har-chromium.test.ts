// `loadgate init --from-har` with a HAR recorded from Debian's Chromium (puppeteer-core over the
// DevTools protocol) against a small loopback app: a page whose script lists items, opens a few,
// creates one with a JSON POST and sends a bearer token and a session cookie. The generated
// scenario must template the item ids, keep the POST body, copy no secret, and run clean.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { CHROMIUM, recordHar } from '../../support/record-har.js';
import { cli, parseGenerated, shortRun, tempDir } from './helpers.js';

const dir = tempDir('lg-init-har-');
after(() => rmSync(dir, { recursive: true, force: true }));

const PAGE = `<!doctype html><html><head><script src="/static/app.js"></script></head><body>items</body></html>`;
const SCRIPT = `
document.cookie = 'sessionid=s3ss10n-value; path=/';
(async () => {
  const auth = { Authorization: 'Bearer t0ken-never-copied', Accept: 'application/json' };
  await fetch('/api/items?page=1', { headers: auth });
  for (const id of [3, 5, 8]) await fetch('/api/items/' + id, { headers: auth });
  await fetch('/api/items', { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'pen', price: 2.5 }) });
  window.__done = true;
})();`;

function itemsApp() {
  const posted: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const json = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(PAGE);
      } else if (path === '/static/app.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(SCRIPT);
      } else if (path === '/api/items' && req.method === 'GET') json(200, { items: [] });
      else if (path === '/api/items' && req.method === 'POST') {
        posted.push(body);
        json(201, JSON.parse(body || '{}'));
      } else if (/^\/api\/items\/\d+$/.test(path)) json(200, { id: Number(path.split('/')[3]) });
      else json(404, { error: 'not found' });
    });
  });
  return { server, posted };
}

test('HAR recorded from Chromium: endpoints, ids as a data list, POST body kept, no secrets', async (t) => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  const app = itemsApp();
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const har = await recordHar(`${url}/`);
    writeFileSync(join(dir, 'session.har'), JSON.stringify(har, null, 2));
    t.diagnostic(`recorded ${(har as { log: { entries: unknown[] } }).log.entries.length} entries`);

    const init = await cli(['init', '--from-har', 'session.har', '--target', url], dir);
    assert.equal(init.code, 0, init.stderr);
    const yaml = readFileSync(join(dir, 'loadgate.yml'), 'utf8');
    assert.match(yaml, /recorded by Chromium/);
    assert.doesNotMatch(yaml, /t0ken-never-copied|s3ss10n-value/);
    assert.match(yaml, /Authorization: 'Bearer \$\{env\.API_TOKEN\}'/);
    assert.match(yaml, /Cookie: '\$\{env\.API_COOKIE\}'/);
    assert.match(yaml, /# - \d+ requests?: static asset/); // app.js (and favicon.ico)

    const config = parseGenerated(join(dir, 'loadgate.yml'));
    const by = Object.fromEntries(config.requests.map((r) => [r.name, r]));
    assert.equal(by['GET /api/items/{items_id}']?.path, '/api/items/${data.items_id}');
    assert.equal(by['GET /api/items/{items_id}']?.weight, 3);
    assert.deepEqual(by['GET /api/items']?.query, { page: '1' });
    assert.deepEqual(by['POST /api/items']?.body, {
      kind: 'json',
      value: { name: 'pen', price: 2.5 },
    });
    assert.deepEqual(by['GET /api/items']?.headers, { Accept: 'application/json' });
    assert.ok(by['GET /']); // the page itself
    const rows = JSON.parse(readFileSync(join(dir, 'loadgate.data.json'), 'utf8')) as unknown;
    assert.deepEqual(rows, [{ items_id: '3' }, { items_id: '5' }, { items_id: '8' }]);

    const run = await shortRun(dir);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.requests > 0);
    assert.equal(run.errors, 0);
    assert.ok(app.posted.length > 2 && app.posted.every((b) => b === '{"name":"pen","price":2.5}'));
  } finally {
    app.server.closeAllConnections();
    await new Promise<void>((r) => app.server.close(() => r()));
  }
});
