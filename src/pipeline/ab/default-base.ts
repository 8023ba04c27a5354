/**
 * The CLI's base commit when `--base` is not given (compare: auto or base): in a git checkout,
 * the merge-base of HEAD with the default branch, the commit a pull request from here would be
 * compared with. On the default branch itself that is HEAD: then uncommitted changes to tracked
 * files are compared with HEAD, and a clean checkout has nothing to compare (stored mode).
 */
import type { GitRunner } from '../../baseline/git.js';

export interface DefaultBase {
  /** Full sha, or null when there is nothing to compare with. */
  ref: string | null;
  /** Said in the log: where the ref came from, or why there is none (null: not looked for). */
  reason: string | null;
}

/** The default branch: origin's HEAD when known, else a local or remote main / master. */
async function defaultBranch(git: GitRunner): Promise<string | null> {
  const head = await git(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
  if (head.code === 0 && head.stdout.trim() !== '') {
    return head.stdout.trim().replace(/^refs\/remotes\//, '');
  }
  for (const name of ['origin/main', 'origin/master', 'main', 'master']) {
    const r = await git(['rev-parse', '--verify', '--quiet', `${name}^{commit}`]);
    if (r.code === 0) return name;
  }
  return null;
}

export async function defaultBase(git: GitRunner): Promise<DefaultBase> {
  const top = await git(['rev-parse', '--show-toplevel']);
  if (top.code !== 0) return { ref: null, reason: 'not in a git checkout' };
  const headR = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (headR.code !== 0) return { ref: null, reason: 'the repository has no commit yet' };
  const head = headR.stdout.trim();
  const branch = await defaultBranch(git);
  if (!branch)
    return { ref: null, reason: 'no default branch (origin/HEAD, main or master) found' };
  const mb = await git(['merge-base', 'HEAD', branch]);
  if (mb.code !== 0) return { ref: null, reason: `HEAD shares no history with ${branch}` };
  const base = mb.stdout.trim();
  if (base !== head) {
    return { ref: base, reason: `the merge-base of HEAD with ${branch}` };
  }
  const dirty = await git(['status', '--porcelain', '--untracked-files=no']);
  if (dirty.code === 0 && dirty.stdout.trim() !== '') {
    return {
      ref: head,
      reason: `HEAD (${branch}'s tip): this checkout's uncommitted changes are compared with it`,
    };
  }
  return {
    ref: null,
    reason: `HEAD is ${branch}'s tip and nothing is changed: nothing to compare on this runner`,
  };
}
