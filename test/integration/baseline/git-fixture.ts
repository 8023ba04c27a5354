// A real bare "remote" and clones of it in a temp folder, for the branch store tests.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { git, GIT_ENV } from '../../support/git.js';
import { git } from '../../support/git.js';

export interface Remote {
  dir: string;
  bare: string;
  clone(name: string, ...extra: string[]): string;
}

/** A bare repository with one commit on main, cleaned up after the test. */
export async function bareRemote(t: { after: (fn: () => Promise<void>) => void }): Promise<Remote> {
  const dir = await mkdtemp(join(tmpdir(), 'loadgate-branch-store-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const bare = join(dir, 'remote.git');
  git(dir, 'init', '--quiet', '--bare', '-b', 'main', bare);
  const seed = join(dir, 'seed');
  git(dir, 'clone', '--quiet', bare, seed);
  await writeFile(join(seed, 'README.md'), '# app\n');
  git(seed, 'add', 'README.md');
  git(seed, 'commit', '--quiet', '-m', 'initial');
  git(seed, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
  return {
    dir,
    bare,
    clone(name, ...extra) {
      const path = join(dir, name);
      if (!existsSync(path))
        git(
          dir,
          'clone',
          '--quiet',
          ...extra,
          extra.includes('--depth=1') ? `file://${bare}` : bare,
          path,
        );
      return path;
    },
  };
}
