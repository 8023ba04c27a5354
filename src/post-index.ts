/** The action's post step as GitHub runs it (bundled to dist/post/index.js). */
import { run } from './post.js';

void run();
