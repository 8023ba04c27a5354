// Builds the committed bundles with @vercel/ncc: dist/cli (the `loadgate` binary), dist/action
// (the action's main step) and dist/post (the action's post step, which kills leftovers).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, chmodSync, existsSync } from 'node:fs';

const bundles = [
  { entry: 'src/cli/index.ts', out: 'dist/cli' },
  { entry: 'src/action/index.ts', out: 'dist/action' },
  { entry: 'src/action/post.ts', out: 'dist/post' },
];

rmSync('dist', { recursive: true, force: true });
for (const { entry, out } of bundles) {
  if (!existsSync(entry)) continue;
  execFileSync(
    process.execPath,
    ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry, '-o', out, '--target', 'es2022', '-q'],
    { stdio: 'inherit' },
  );
}
const cli = 'dist/cli/index.js';
if (existsSync(cli)) {
  const text = readFileSync(cli, 'utf8');
  if (!text.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${text}`);
  chmodSync(cli, 0o755);
}
