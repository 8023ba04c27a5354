// A tiny API whose cost per request comes from cost.json next to it (committed in the test's
// repository), so two commits of the same repository differ only in speed (or in dying).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const { delayMs, exitAfterMs } = JSON.parse(
  readFileSync(new URL('./cost.json', import.meta.url), 'utf8'),
);
// A commit whose server dies mid-run (exit code 1 after exitAfterMs).
if (exitAfterMs) setTimeout(() => process.exit(1), exitAfterMs).unref();
const server = createServer((req, res) => {
  const answer = () => res.end('{"ok":true}');
  if (delayMs > 0) setTimeout(answer, delayMs);
  else answer();
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
