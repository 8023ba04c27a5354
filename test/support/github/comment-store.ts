/**
 * The emulator's in-memory state: pull requests and their issue comments, shaped as GitHub
 * returns them (the `issue-comment` schema), ordered by ascending id as GitHub lists them.
 */

export interface StoredComment {
  id: number;
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  login: string;
  createdAt: string;
  updatedAt: string;
}

export class CommentStore {
  private readonly prs = new Set<string>();
  private readonly byIssue = new Map<string, StoredComment[]>();
  private readonly byId = new Map<number, StoredComment>();
  private nextId = 1_000_001;
  private tick = Date.parse('2026-01-01T00:00:00Z');

  openPullRequest(owner: string, repo: string, issueNumber: number): void {
    this.prs.add(key(owner, repo, issueNumber));
  }

  hasPullRequest(owner: string, repo: string, issueNumber: number): boolean {
    return this.prs.has(key(owner, repo, issueNumber));
  }

  list(owner: string, repo: string, issueNumber: number): StoredComment[] {
    return this.byIssue.get(key(owner, repo, issueNumber)) ?? [];
  }

  get(owner: string, repo: string, id: number): StoredComment | undefined {
    const c = this.byId.get(id);
    return c && sameRepo(c, owner, repo) ? c : undefined;
  }

  create(
    owner: string,
    repo: string,
    issueNumber: number,
    body: string,
    login: string,
  ): StoredComment {
    const now = this.now();
    const comment: StoredComment = {
      id: this.nextId++,
      owner,
      repo,
      issueNumber,
      body,
      login,
      createdAt: now,
      updatedAt: now,
    };
    const k = key(owner, repo, issueNumber);
    this.byIssue.set(k, [...(this.byIssue.get(k) ?? []), comment]);
    this.byId.set(comment.id, comment);
    return comment;
  }

  update(comment: StoredComment, body: string): StoredComment {
    comment.body = body;
    comment.updatedAt = this.now();
    return comment;
  }

  /** Timestamps one second apart: deterministic and strictly increasing. */
  private now(): string {
    this.tick += 1000;
    return new Date(this.tick).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}

function key(owner: string, repo: string, issueNumber: number): string {
  return `${owner}/${repo}#${issueNumber}`.toLowerCase();
}

function sameRepo(c: StoredComment, owner: string, repo: string): boolean {
  return (
    c.owner.toLowerCase() === owner.toLowerCase() && c.repo.toLowerCase() === repo.toLowerCase()
  );
}

/** A comment as the REST API shows it (apiBase: the emulator's URL standing in for api.github.com). */
export function commentJson(c: StoredComment, apiBase: string): Record<string, unknown> {
  const repoApi = `${apiBase}/repos/${c.owner}/${c.repo}`;
  const url = `${repoApi}/issues/comments/${c.id}`;
  return {
    id: c.id,
    node_id: `IC_kwDOemu${c.id.toString(36)}`,
    url,
    html_url: `https://github.com/${c.owner}/${c.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body,
    user: userJson(c.login, apiBase),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${repoApi}/issues/${c.issueNumber}`,
    author_association: c.login.endsWith('[bot]') ? 'NONE' : 'MEMBER',
    performed_via_github_app: c.login === 'github-actions[bot]' ? actionsAppJson(apiBase) : null,
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0,
    },
  };
}

function userJson(login: string, apiBase: string): Record<string, unknown> {
  const bot = login.endsWith('[bot]');
  const u = `${apiBase}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id: bot ? 41898282 : 583231,
    node_id: bot ? 'MDM6Qm90NDE4OTgyODI=' : 'MDQ6VXNlcjU4MzIzMQ==',
    avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
    gravatar_id: '',
    url: u,
    html_url: `https://github.com/${bot ? 'apps/' + login.replace('[bot]', '') : login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: bot ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

function actionsAppJson(apiBase: string): Record<string, unknown> {
  return {
    id: 15368,
    client_id: 'Iv1.05c79e9ad1f6bdfa',
    slug: 'github-actions',
    node_id: 'MDM6QXBwMTUzNjg=',
    owner: { ...userJson('github', apiBase), id: 9919, type: 'Organization' },
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: 'https://github.com/apps/github-actions',
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: { issues: 'write', metadata: 'read', pull_requests: 'write' },
    events: ['issue_comment', 'pull_request'],
  };
}
