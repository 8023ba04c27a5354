/**
 * Entry point of the `loadgate` binary. SIGINT/SIGTERM abort the run (load stops, servers are
 * stopped); a second signal, or 5 s without finishing, exits at once.
 */
import { main } from './main.js';
import { ExitCode } from '../errors.js';

const abort = new AbortController();
let forced: NodeJS.Timeout | null = null;
const onSignal = (signal: NodeJS.Signals) => {
  if (abort.signal.aborted) process.exit(ExitCode.interrupted);
  process.stderr.write(`\nloadgate: ${signal}: stopping load and servers...\n`);
  abort.abort();
  forced = setTimeout(() => process.exit(ExitCode.interrupted), 5000);
  forced.unref();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// A reader that went away (`loadgate run 2>&1 | head`) is not our failure: without a handler,
// EPIPE is an uncaught 'error' event and the exit code becomes 1 instead of the intended one.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

void main({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: abort.signal,
}).then((code) => {
  process.exitCode = code;
  // Everything we started is stopped by now; a stray handle must not keep the process alive.
  setTimeout(() => process.exit(code), 2000).unref();
});
