/** Entry point of the action's main step (dist/action/index.js, runs on node24). */
import * as core from '@actions/core';
import { main } from './main.js';

const abort = new AbortController();
// The runner cancels a step with SIGINT, then SIGTERM 7.5 s later: stop load and servers at once.
process.on('SIGINT', () => abort.abort());
process.on('SIGTERM', () => abort.abort());

void main({ core, env: process.env, signal: abort.signal }).then(() => {
  // Everything we started is stopped by now; a stray handle must not keep the job waiting.
  setTimeout(() => process.exit(), 2000).unref();
});
