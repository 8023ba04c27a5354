/**
 * The action's `post:` step (src/action/post.ts has the logic): ends what the main step left
 * running. `run()` with no arguments uses the real @actions/core and process.env; bundled to
 * dist/post/index.js through src/post-index.ts, or `npx local-action . src/main.ts .env --post
 * src/post.ts`. It never fails the job: a problem is a warning.
 */
import * as core from '@actions/core';
import { defaultPostDeps, stopLeftovers } from './action/post.js';
import { errorMessage } from './errors.js';

export interface PostStepDeps {
  core: Pick<typeof core, 'info' | 'warning'>;
  env: Record<string, string | undefined>;
}

export async function run(deps: Partial<PostStepDeps> = {}): Promise<void> {
  const c = deps.core ?? core;
  const log = { info: (m: string) => c.info(m), warn: (m: string) => c.warning(m) };
  try {
    await stopLeftovers(defaultPostDeps(deps.env ?? process.env, log));
  } catch (e) {
    c.warning(`loadgate post step: ${errorMessage(e)}`);
  }
}
