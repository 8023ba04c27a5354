/**
 * A stand-in for loadgate in the parent-death test: boots a fixture under the supervisor, prints
 * the pids as one JSON line, then idles until it is killed.
 * Usage: node --import tsx harness.ts <fixture command> <state file>
 */
import { memoryLogger } from '../../../src/log.js';
import { startServer } from '../../../src/supervisor/index.js';
import { serverConfig } from './helpers.js';

const [command = 'node grandchild.js', stateFile] = process.argv.slice(2);
const server = await startServer(serverConfig({ command }), {
  log: memoryLogger(),
  env: process.env,
  cores: 2,
  ...(stateFile ? { stateFile } : {}),
});
const res = await fetch(`${server.targets[0]}/`);
console.log(JSON.stringify({ main: server.mainPids()[0], ...((await res.json()) as object) }));
setInterval(() => {}, 1_000);
