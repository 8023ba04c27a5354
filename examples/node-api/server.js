// One process serving the example API on $PORT (default 3000): `node server.js`.
import { createServer } from 'node:http';
import { handle } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const server = createServer((req, res) => {
  handle(req, res).catch(() => {
    res.statusCode = 500;
    res.end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () =>
  console.log(`node-api: pid ${process.pid} listening on 127.0.0.1:${port}`),
);
// Finish in-flight requests on SIGTERM, then exit.
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
