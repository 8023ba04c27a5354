/**
 * Ports on 127.0.0.1: free ones to hand to workers, whether one is taken, and the bound (never
 * accepting) socket for `socket: shared`.
 */
import net from 'node:net';
import { ConfigError } from '../errors.js';

function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      const addr = server.address();
      const got = typeof addr === 'object' && addr ? addr.port : null;
      server.close(() => resolve(got));
    });
  });
}

/** `n` distinct free ports. Held only for a moment: a small race with other programs remains. */
export async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let tries = 0; ports.size < n && tries < n * 10; tries++) {
    const p = await listenOnce(0);
    if (p !== null) ports.add(p);
  }
  if (ports.size < n) throw new Error(`could not find ${n} free ports on 127.0.0.1`);
  return [...ports];
}

export async function portTaken(port: number): Promise<boolean> {
  return (await listenOnce(port)) === null;
}

/** net.BoundSocket: documented from Node 24.19; absent from the typings of Node 20. */
interface BoundSocketLike {
  address(): { port: number };
  fd(): number;
  close(): void;
}
type BoundSocketCtor = new (opts: { host: string; port: number }) => BoundSocketLike;

function boundSocketCtor(): BoundSocketCtor | null {
  const ctor = (net as unknown as { BoundSocket?: BoundSocketCtor }).BoundSocket;
  return typeof ctor === 'function' ? ctor : null;
}

export function sharedSocketSupported(): boolean {
  return boundSocketCtor() !== null;
}

export const SHARED_SOCKET_UNSUPPORTED =
  `socket: shared needs Node >= 24.19 (net.BoundSocket), this is Node ${process.versions.node}. ` +
  'Older Node versions can only hand a socket to children through a listening net.Server, ' +
  'which crashes spawn() on Node 20 and makes loadgate accept connections itself. ' +
  'Use socket: per-port (the default), or run loadgate on Node 24.19+';

export interface SharedSocket {
  port: number;
  fd: number;
  close(): void;
}

/**
 * Binds 127.0.0.1:0 without listening and keeps the fd for the children: the first worker's
 * listen() turns it into a listening socket; loadgate never listens, so it never accepts.
 */
export function bindShared(): SharedSocket {
  const Ctor = boundSocketCtor();
  if (!Ctor) throw new ConfigError(SHARED_SOCKET_UNSUPPORTED, { code: 'LG_SHARED_UNSUPPORTED' });
  const bound = new Ctor({ host: '127.0.0.1', port: 0 });
  let closed = false;
  return {
    port: bound.address().port,
    fd: bound.fd(),
    close: () => {
      if (closed) return;
      closed = true;
      try {
        bound.close();
      } catch {
        // Already released.
      }
    },
  };
}
