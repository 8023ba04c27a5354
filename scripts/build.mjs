// Builds the committed bundles with @vercel/ncc: dist/cli (the `loadgate` binary), dist/action
// (the action's main step: src/index.ts calls run() of src/main.ts), dist/post (the action's
// post step, which kills leftovers: src/post-index.ts calls run() of src/post.ts) and
// dist/load-worker (the engine's worker thread).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, chmodSync, existsSync, renameSync } from 'node:fs';

const bundles = [
  { entry: 'src/cli/index.ts', out: 'dist/cli' },
  { entry: 'src/index.ts', out: 'dist/action' },
  { entry: 'src/post-index.ts', out: 'dist/post' },
  // The load engine's worker thread (load.threads > 1); found at <bundle>/../load-worker/.
  { entry: 'src/load/worker.ts', out: 'dist/load-worker' },
];

// Build into a scratch folder and swap at the end: a failed build leaves dist/ as it was.
// ncc type-checks src/ (tsconfig.json); tests and scripts are `npm run typecheck`'s job.
rmSync('dist.tmp', { recursive: true, force: true });
for (const { entry, out } of bundles) {
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      entry,
      '-o',
      out.replace(/^dist/, 'dist.tmp'),
      '--target',
      'es2022',
      '-q',
    ],
    { stdio: 'inherit' },
  );
}
rmSync('dist', { recursive: true, force: true });
renameSync('dist.tmp', 'dist');
const cli = 'dist/cli/index.js';
if (existsSync(cli)) {
  const text = readFileSync(cli, 'utf8');
  if (!text.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${text}`);
  chmodSync(cli, 0o755);
}
