/**
 * The base commit, checked out next to the PR's checkout with `git worktree add --detach` in a
 * temporary folder: the repository's objects are shared, nothing in the PR's checkout changes.
 * A shallow checkout (actions/checkout's default depth 1) lacks the base commit: it is fetched
 * from origin first. Every failure here is the base's problem (BaseUnavailable), never the PR's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../log.js';
import { gitMessage, gitRunner, type GitRunner } from '../../baseline/git.js';
import { BaseUnavailable } from './types.js';

export interface BaseCheckout {
  /** The PR checkout's top-level folder. */
  repoRoot: string;
  /** Full sha of the base commit. */
  commit: string;
  /** The base commit's top-level folder (a temporary worktree). */
  dir: string;
}

export interface CheckoutDeps {
  log: Logger;
  env: Record<string, string | undefined>;
  /** Default `git` on PATH. */
  git?: string;
}

const GIT_TIMEOUT_MS = 120_000;

async function ok(git: GitRunner, args: string[], what: string): Promise<string> {
  const r = await git(args);
  if (r.code !== 0) throw new BaseUnavailable(`${what}: git ${args[0] ?? ''}: ${gitMessage(r)}`);
  return r.stdout.trim();
}

async function resolveCommit(git: GitRunner, ref: string, log: Logger): Promise<string> {
  const verify = async (name: string) => {
    const r = await git(['rev-parse', '--verify', '--quiet', `${name}^{commit}`]);
    return r.code === 0 ? r.stdout.trim() : null;
  };
  // A ref is never an option: `git fetch origin --upload-pack=...` would run a command.
  if (ref.startsWith('-') || ref.trim() === '')
    throw new BaseUnavailable(`"${ref}" is not a commit or ref`);
  const local = await verify(ref);
  if (local) return local;
  const shallow = (await git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  log.info(`base ${ref} is not in this checkout: fetching it from origin`);
  const fetched = await git([
    'fetch',
    '--quiet',
    '--no-tags',
    ...(shallow ? ['--depth=1'] : []),
    'origin',
    ref,
  ]);
  if (fetched.code !== 0) {
    throw new BaseUnavailable(
      `base commit ${ref} not found, and fetching it from origin failed: ${gitMessage(fetched)}`,
    );
  }
  const commit = (await verify(ref)) ?? (await verify('FETCH_HEAD'));
  if (!commit) throw new BaseUnavailable(`base commit ${ref} not found after fetching it`);
  return commit;
}

/** Checks out `ref` into a new temporary worktree of the repository containing `from`. */
export async function checkoutBase(
  from: string,
  ref: string,
  deps: CheckoutDeps,
): Promise<BaseCheckout> {
  const git = gitRunner({
    git: deps.git ?? 'git',
    cwd: from,
    env: deps.env,
    timeoutMs: GIT_TIMEOUT_MS,
  });
  const repoRoot = await ok(
    git,
    ['rev-parse', '--show-toplevel'],
    `${from} is not in a git checkout`,
  );
  const commit = await resolveCommit(git, ref, deps.log);
  const parent = await mkdtemp(join(tmpdir(), 'loadgate-base-'));
  const dir = join(parent, 'checkout');
  const added = await git(['worktree', 'add', '--quiet', '--detach', dir, commit]);
  if (added.code !== 0) {
    await rm(parent, { recursive: true, force: true });
    throw new BaseUnavailable(`cannot check out base ${commit.slice(0, 12)}: ${gitMessage(added)}`);
  }
  deps.log.info(`base ${commit.slice(0, 12)} checked out in ${dir}`);
  return { repoRoot, commit, dir };
}

/** Removes the worktree and its folder; problems are warnings (the job's temp folder goes anyway). */
export async function removeCheckout(checkout: BaseCheckout, deps: CheckoutDeps): Promise<void> {
  const git = gitRunner({
    git: deps.git ?? 'git',
    cwd: checkout.repoRoot,
    env: deps.env,
    timeoutMs: GIT_TIMEOUT_MS,
  });
  const removed = await git(['worktree', 'remove', '--force', checkout.dir]);
  if (removed.code !== 0)
    deps.log.warn(`git worktree remove ${checkout.dir}: ${gitMessage(removed)}`);
  await rm(join(checkout.dir, '..'), { recursive: true, force: true });
  await git(['worktree', 'prune']);
}
