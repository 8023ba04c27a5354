/**
 * A tiny loopback HTTP server for the engine's tests and bench. Routes (query ignored):
 *   /, /fast         200 {"ok":true}
 *   /delay/<ms>      200 after <ms>
 *   /status/<code>   that status
 *   /reset           destroys the socket (no answer)
 *   /garbage         writes bytes that are not HTTP, then closes
 *   /never           never answers
 *   /__freeze/<ms>   answered at once; every other request is held for <ms> from now
 * Extra routes can be passed in (they win over the built-ins). Only counts are kept per path,
 * so it can serve millions of requests in a flat footprint.
 * Run as a child process: `node --import tsx fast-server.ts --serve-fast` prints the port.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface FastServer {
  url: string;
  port: number;
  /** Requests seen, all paths (control paths excluded). */
  count(): number;
  countOf(path: string): number;
  /** Hold every request for `ms` (answered when the freeze ends). */
  freeze(ms: number): void;
  close(): Promise<void>;
}

const OK = Buffer.from('{"ok":true}');

function reply(res: ServerResponse, status: number, body: Buffer = OK): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}

export async function startFastServer(routes: Record<string, Route> = {}): Promise<FastServer> {
  const counts = new Map<string, number>();
  let total = 0;
  let frozenUntil = 0;
  let held: (() => void)[] = [];
  let thaw: NodeJS.Timeout | null = null;
  const sockets = new Set<Socket>();

  const freeze = (ms: number): void => {
    frozenUntil = Date.now() + ms;
    if (thaw) clearTimeout(thaw);
    thaw = setTimeout(() => {
      thaw = null;
      const release = held;
      held = [];
      for (const fn of release) fn();
    }, ms);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const custom = routes[path];
    if (custom) return custom(req, res);
    const [, head = '', arg = ''] = path.split('/');
    switch (head) {
      case '':
      case 'fast':
        return reply(res, 200);
      case 'delay':
        setTimeout(() => reply(res, 200), Number(arg) || 0);
        return;
      case 'status':
        return reply(res, Number(arg) || 500);
      case 'reset':
        req.socket.destroy();
        return;
      case 'garbage':
        req.socket.end('THIS IS NOT HTTP\r\n\r\n');
        return;
      case 'never':
        return;
      default:
        return reply(res, 404);
    }
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/__freeze/')) {
      freeze(Number(path.slice('/__freeze/'.length)) || 0);
      return reply(res, 200);
    }
    total++;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    // Drain any request body so keep-alive works, then answer.
    req.resume();
    if (Date.now() < frozenUntil) held.push(() => handle(req, res));
    else handle(req, res);
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    count: () => total,
    countOf: (p) => counts.get(p) ?? 0,
    freeze,
    close: () =>
      new Promise<void>((resolve) => {
        if (thaw) clearTimeout(thaw);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// As a child process (bench): print the port, serve until killed. A flag rather than a check of
// import.meta.url, which would also match when this file is bundled into another entry.
if (process.argv.includes('--serve-fast')) {
  startFastServer().then((s) => process.stdout.write(`${s.port}\n`));
}
