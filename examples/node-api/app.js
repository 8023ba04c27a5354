// The example API: node:http only, no dependencies. Exported as a request handler so that
// server.js (one process) and cluster.js (Node cluster) serve the same thing.
import { randomBytes } from 'node:crypto';

const ITEMS = Array.from({ length: 20 }, (_, i) => ({
  id: i + 1,
  name: `item ${i + 1}`,
  price: Math.round((i + 1) * 2.5 * 100) / 100,
}));

/** Optional CPU work per request (benchmarks turn it up to make the server the bottleneck). */
const WORK = Number(process.env.WORK_ITERATIONS ?? 0);

function work() {
  let x = 0;
  for (let i = 0; i < WORK; i++) x = (x * 31 + i) % 1_000_003;
  return x;
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readJson(req) {
  return new Promise((resolve) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      raw += chunk;
      if (raw.length > 64 * 1024) req.destroy();
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(raw));
      } catch {
        resolve(null);
      }
    });
    req.on('error', () => resolve(null));
  });
}

export async function handle(req, res) {
  work();
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' });
  if (req.method === 'GET' && path === '/api/items') return send(res, 200, ITEMS);
  const one = /^\/api\/items\/(\d+)$/.exec(path);
  if (req.method === 'GET' && one) {
    const item = ITEMS.find((i) => i.id === Number(one[1]));
    return item ? send(res, 200, item) : send(res, 404, { error: 'not found' });
  }
  if (req.method === 'POST' && path === '/login') {
    const body = await readJson(req);
    if (!body || typeof body.username !== 'string' || body.username === '') {
      return send(res, 400, { error: 'expected JSON {"username": ..., "password": ...}' });
    }
    return send(res, 200, { access_token: randomBytes(16).toString('hex'), token_type: 'bearer' });
  }
  return send(res, 404, { error: 'not found' });
}
