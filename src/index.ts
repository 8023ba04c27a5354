/** The action's main step as GitHub runs it (bundled to dist/action/index.js, node24). */
import { run } from './main.js';

void run().then(() => {
  // Everything loadgate started is stopped by now; a stray handle must not keep the job waiting.
  setTimeout(() => process.exit(), 2000).unref();
});
