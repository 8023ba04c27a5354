/**
 * Baseline history on a dedicated branch (default `loadgate-baselines`), one file per series
 * (`<safe-name>.json`), written with the git CLI and the checkout's credentials.
 *
 * Only plumbing touches the local repository: the branch is fetched into a private ref
 * (refs/loadgate/baselines/<branch>), and a new commit is built with hash-object / mktree /
 * commit-tree and pushed by hash. The user's HEAD, index, work tree and branches are never
 * touched. A push rejected because another run pushed first is retried on the new tip (fetch,
 * re-apply the append, push) with jittered back-off, so concurrent runs lose nothing. Entry
 * history is bounded per series; git keeps one small commit per update.
 */
import type { Logger } from '../log.js';
import { BaselineStoreError } from './errors.js';
import { gitMessage, gitRunner, type GitRunner } from './git.js';
import { seriesFileName } from './names.js';
import { appendEntry, parseSeriesText, serializeJson, type DecodedSeries } from './series.js';
import type { BaselineEntry, BaselineStore, ReadResult } from './types.js';
import { count } from '../util/format.js';
import { errorMessage } from '../errors.js';

export interface GitBranchStoreOptions {
  /** Any folder inside the checkout. */
  repoDir: string;
  branch?: string;
  remote?: string;
  /** The git executable. */
  git?: string;
  log: Logger;
  env?: Record<string, string | undefined>;
  /** Pushes retried after a rejection before giving up. */
  retries?: number;
  /** Back-off base: attempt k waits a random time in [0, base · 2^k). */
  backoffMs?: number;
  timeoutMs?: number;
  /** Identity of the baseline commits (unless GIT_AUTHOR_* / GIT_COMMITTER_* are set). */
  author?: { name: string; email: string };
  /** Test seams. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  beforePush?: (attempt: number) => Promise<void>;
}

interface TreeEntry {
  mode: string;
  type: string;
  hash: string;
  path: string;
}

const REJECTED =
  /\[rejected\]|non-fast-forward|fetch first|stale info|cannot lock ref|failed to update ref|incorrect old value|but expected/i;
const MISSING_BRANCH = /couldn't find remote ref|could not find remote ref/i;
const LOCKED = /cannot lock ref|unable to create .*\.lock|index\.lock/i;

export class GitBranchBaselineStore implements BaselineStore {
  readonly description: string;
  private readonly branch: string;
  private readonly remote: string;
  private readonly trackingRef: string;
  private readonly git: GitRunner;
  private readonly log: Logger;

  constructor(private readonly options: GitBranchStoreOptions) {
    this.branch = options.branch ?? 'loadgate-baselines';
    this.remote = options.remote ?? 'origin';
    this.trackingRef = `refs/loadgate/baselines/${this.branch}`;
    this.log = options.log;
    this.description = `branch ${this.branch} of ${this.remote}`;
    const author = options.author ?? {
      name: 'loadgate',
      email: 'loadgate@users.noreply.github.com',
    };
    const env = { ...(options.env ?? process.env) };
    env.GIT_AUTHOR_NAME ??= author.name;
    env.GIT_AUTHOR_EMAIL ??= author.email;
    env.GIT_COMMITTER_NAME ??= author.name;
    env.GIT_COMMITTER_EMAIL ??= author.email;
    this.git = gitRunner({
      git: options.git ?? 'git',
      cwd: options.repoDir,
      env,
      timeoutMs: options.timeoutMs ?? 60_000,
    });
  }

  async read(name: string): Promise<ReadResult> {
    try {
      const tip = await this.fetchTip();
      if (!tip) {
        this.log.info(
          `baseline branch ${this.branch} does not exist on ${this.remote} yet; it is created by the first baseline update`,
        );
        return { series: null, warning: null };
      }
      const decoded = await this.readSeries(tip, await this.listTree(tip), name);
      return { series: decoded?.series ?? null, warning: decoded?.warning ?? null };
    } catch (e) {
      return {
        series: null,
        warning: `could not read the baseline from ${this.description}: ${errorMessage(e)}`,
      };
    }
  }

  async append(name: string, entry: BaselineEntry, history: number): Promise<void> {
    const retries = this.options.retries ?? 5;
    const sleep =
      this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const random = this.options.random ?? Math.random;
    const base = this.options.backoffMs ?? 250;
    let last = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(random() * base * 2 ** (attempt - 1));
      let tip: string | null;
      try {
        tip = await this.fetchTip();
      } catch (e) {
        if (!LOCKED.test(errorMessage(e))) throw e;
        last = errorMessage(e);
        continue;
      }
      const commit = await this.commitAppend(tip, name, entry, history);
      await this.options.beforePush?.(attempt);
      const push = await this.git([
        'push',
        '--quiet',
        '--no-verify',
        this.remote,
        `${commit}:refs/heads/${this.branch}`,
      ]);
      if (push.code === 0) {
        await this.git(['update-ref', this.trackingRef, commit]);
        if (attempt > 0)
          this.log.info(
            `baseline pushed to ${this.description} after ${attempt} retr${attempt === 1 ? 'y' : 'ies'}`,
          );
        return;
      }
      last = gitMessage(push);
      if (!REJECTED.test(push.stderr)) {
        throw new BaselineStoreError(`git push to ${this.description} failed: ${last}`, {
          code: 'LG_BASELINE_PUSH',
        });
      }
      this.log.debug(`baseline push rejected (attempt ${attempt + 1}): ${last}`);
    }
    throw new BaselineStoreError(
      `git push to ${this.description} was rejected ${retries + 1} times (other runs kept updating it): ${last}`,
      { code: 'LG_BASELINE_CONTENDED' },
    );
  }

  /** Fetch the branch into the private ref; null when the branch does not exist. */
  private async fetchTip(): Promise<string | null> {
    const shallow = await this.git(['rev-parse', '--is-shallow-repository']);
    if (shallow.code !== 0)
      throw new BaselineStoreError(
        `${this.options.repoDir} is not inside a git repository: ${gitMessage(shallow)}`,
      );
    // In a shallow checkout (actions/checkout default) fetch only the tip; never make a full clone shallow.
    const depth = shallow.stdout.trim() === 'true' ? ['--depth=1'] : [];
    const fetch = await this.git([
      'fetch',
      '--quiet',
      '--no-tags',
      ...depth,
      this.remote,
      `+refs/heads/${this.branch}:${this.trackingRef}`,
    ]);
    if (fetch.code !== 0) {
      if (MISSING_BRANCH.test(fetch.stderr)) {
        await this.git(['update-ref', '-d', this.trackingRef]);
        return null;
      }
      throw new BaselineStoreError(
        `git fetch ${this.remote} ${this.branch} failed: ${gitMessage(fetch)}`,
        { code: 'LG_BASELINE_FETCH' },
      );
    }
    const tip = await this.git([
      'rev-parse',
      '--verify',
      '--quiet',
      `${this.trackingRef}^{commit}`,
    ]);
    if (tip.code !== 0)
      throw new BaselineStoreError(
        `fetched ${this.branch} but ${this.trackingRef} is not a commit`,
      );
    return tip.stdout.trim();
  }

  private async listTree(tip: string): Promise<TreeEntry[]> {
    const r = await this.git(['ls-tree', '-z', tip]);
    if (r.code !== 0) throw new BaselineStoreError(`git ls-tree ${tip} failed: ${gitMessage(r)}`);
    return r.stdout
      .split('\0')
      .filter((l) => l.length > 0)
      .map((line) => {
        const tab = line.indexOf('\t');
        const [mode = '', type = '', hash = ''] = line.slice(0, tab).split(' ');
        return { mode, type, hash, path: line.slice(tab + 1) };
      });
  }

  private async readSeries(
    tip: string,
    tree: TreeEntry[],
    name: string,
  ): Promise<DecodedSeries | null> {
    const file = seriesFileName(name);
    const found = tree.find((t) => t.path === file && t.type === 'blob');
    if (!found) return null;
    const blob = await this.git(['cat-file', 'blob', found.hash]);
    if (blob.code !== 0)
      throw new BaselineStoreError(`cannot read ${file} at ${tip}: ${gitMessage(blob)}`);
    return parseSeriesText(blob.stdout, name, `${file} on branch ${this.branch}`);
  }

  /** Build (not push) the commit that appends `entry` to the series on top of `tip`. */
  private async commitAppend(
    tip: string | null,
    name: string,
    entry: BaselineEntry,
    history: number,
  ): Promise<string> {
    const tree = tip ? await this.listTree(tip) : [];
    const decoded = tip ? await this.readSeries(tip, tree, name) : null;
    if (decoded?.status === 'newer-schema')
      throw new BaselineStoreError(`${decoded.warning}; baseline not updated`);
    if (decoded?.warning)
      this.log.warn(
        decoded.status === 'ok' ? decoded.warning : `${decoded.warning} (replaced now)`,
      );
    const series = appendEntry(decoded?.series ?? null, name, entry, history);
    const file = seriesFileName(name);
    const blob = await this.plumbing(['hash-object', '-w', '--stdin'], serializeJson(series));
    const lines = tree
      .filter((t) => t.path !== file)
      .map((t) => `${t.mode} ${t.type} ${t.hash}\t${t.path}`);
    lines.push(`100644 blob ${blob}\t${file}`);
    const newTree = await this.plumbing(['mktree', '-z'], lines.map((l) => `${l}\0`).join(''));
    const parent = tip ? ['-p', tip] : [];
    const what = entry.commit ? `commit ${entry.commit.slice(0, 12)}` : 'a run';
    const message = `loadgate: baseline "${name}" += ${what} (${count(series.entries.length, 'entry', 'entries')})`;
    return this.plumbing(['commit-tree', newTree, ...parent, '-m', message]);
  }

  private async plumbing(args: string[], input?: string): Promise<string> {
    const r = await this.git(args, input);
    if (r.code !== 0)
      throw new BaselineStoreError(
        `git ${args[0]} failed in ${this.options.repoDir}: ${gitMessage(r)}`,
      );
    return r.stdout.trim();
  }
}
