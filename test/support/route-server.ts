// A loopback HTTP server that answers the routes of an API description: 200 with a small JSON
// body for a GET (or POST/PUT/PATCH) matching one of its path templates, 404 otherwise. It
// records what it was sent, so tests can check what init and run actually sent.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  method: string;
  /** Path template: `/pets/{id}` (any one segment), or an exact path. */
  path: string;
}

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface RouteServer {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

function matcher(template: string): RegExp {
  const parts = template.split(/\{[^}]+\}/).map((p) => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/]+')}/?$`);
}

export async function startRouteServer(
  routes: readonly Route[],
  /** Exact paths that answer 404 even when a template matches them. */
  missing: readonly string[] = [],
): Promise<RouteServer> {
  const compiled = routes.map((r) => ({ method: r.method.toUpperCase(), re: matcher(r.path) }));
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const hit =
        !missing.includes(path) && compiled.some((r) => r.method === req.method && r.re.test(path));
      res.writeHead(hit ? 200 : 404, { 'content-type': 'application/json' });
      res.end(hit ? '{"ok":true}' : '{"error":"not found"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
