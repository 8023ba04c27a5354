/**
 * A local stand-in for the GitHub REST endpoints loadgate calls (list, create, update and get
 * issue comments), on a real HTTP server at 127.0.0.1. Every request and every response is
 * checked against GitHub's published OpenAPI description; mismatches land in `violations`,
 * which tests assert empty, so the emulation cannot drift from GitHub unnoticed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { githubSpec, type MatchedOperation } from './github/openapi-spec.js';
import { CommentStore, commentJson, type StoredComment } from './github/comment-store.js';
import {
  error,
  faultReply,
  parseJson,
  readBody,
  tooLong,
  type FaultKind,
  type Reply,
} from './github/replies.js';

export type { FaultKind } from './github/replies.js';

export interface RequestRecord {
  method: string;
  /** Path and query as requested. */
  path: string;
  operationId: string | null;
  status: number;
  auth: 'token' | 'bearer' | null;
}

interface Fault {
  kind: FaultKind;
  remaining: number;
  method: string | null;
}

const MAX_BODY = 65536;

export class GitHubEmulator {
  readonly store = new CommentStore();
  readonly requests: RequestRecord[] = [];
  readonly violations: string[] = [];
  url = '';
  private readonly server: Server;
  private readonly faults: Fault[] = [];
  private readonly readOnly = new Set<string>();
  private corruptions: ((body: unknown) => unknown)[] = [];
  private rateRemaining = 5000;

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async listen(): Promise<this> {
    githubSpec(); // parse the description before the first request, not during it
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  openPullRequest(owner: string, repo: string, issueNumber: number): void {
    this.store.openPullRequest(owner, repo, issueNumber);
  }

  /** Comments by other people (or bots), as a busy PR has them. */
  seedComments(
    owner: string,
    repo: string,
    issueNumber: number,
    bodies: string[],
    login = 'octocat',
  ): StoredComment[] {
    this.store.openPullRequest(owner, repo, issueNumber);
    return bodies.map((b) => this.store.create(owner, repo, issueNumber, b, login));
  }

  comments(owner: string, repo: string, issueNumber: number): StoredComment[] {
    return this.store.list(owner, repo, issueNumber);
  }

  /** Writes with this token answer 403 "Resource not accessible by integration" (a fork's token). */
  readOnlyToken(token: string): void {
    this.readOnly.add(token);
  }

  /** The next `count` requests (of `method`, if given) answer with this fault. */
  failNext(kind: FaultKind, opts: { count?: number; method?: string } = {}): void {
    this.faults.push({
      kind,
      remaining: opts.count ?? 1,
      method: opts.method?.toUpperCase() ?? null,
    });
  }

  /** Change the next successful response body before it is validated and sent (tests the checks). */
  corruptNextResponse(mutate: (body: unknown) => unknown): void {
    this.corruptions.push(mutate);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    const auth = req.headers.authorization ?? '';
    const scheme = /^token /i.test(auth) ? 'token' : /^bearer /i.test(auth) ? 'bearer' : null;
    const token = scheme ? auth.replace(/^\S+\s+/, '') : null;
    const matched = githubSpec().match(method, url.pathname);

    let reply: Reply;
    if (!matched) {
      this.violations.push(
        `${method} ${url.pathname}: no such operation in GitHub's REST description`,
      );
      reply = error(404, 'Not Found');
    } else {
      this.violations.push(
        ...githubSpec().checkRequest(matched, url.searchParams, req.headers['content-type'], body),
      );
      reply = this.reply(method, matched, url, body, token);
    }
    if (reply.status < 300 && reply.body !== undefined) {
      const mutate = this.corruptions.shift();
      if (mutate) reply.body = mutate(reply.body);
    }
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    const contentType = 'application/json; charset=utf-8';
    if (matched) {
      this.violations.push(
        ...githubSpec().checkResponse(matched.operation, reply.status, contentType, text),
      );
    }
    this.requests.push({
      method,
      path: url.pathname + url.search,
      operationId: matched?.operation.operationId ?? null,
      status: reply.status,
      auth: scheme,
    });
    res.writeHead(reply.status, {
      'content-type': contentType,
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `EMU:${this.requests.length}`,
      ...this.rateHeaders(),
      ...reply.headers,
    });
    res.end(text);
  }

  private reply(
    method: string,
    matched: MatchedOperation,
    url: URL,
    body: string,
    token: string | null,
  ): Reply {
    if (token === null) return error(401, 'Requires authentication');
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (f.method === null || f.method === method),
    );
    if (fault) {
      fault.remaining--;
      return faultReply(fault.kind);
    }
    const p = matched.pathParams;
    const owner = p['owner'] ?? '';
    const repo = p['repo'] ?? '';
    const write = method !== 'GET' && method !== 'HEAD';
    if (write && this.readOnly.has(token))
      return error(403, 'Resource not accessible by integration');
    const json = parseJson(body);
    switch (matched.operation.operationId) {
      case 'issues/list-comments': {
        const issue = Number(p['issue_number']);
        if (!this.store.hasPullRequest(owner, repo, issue)) return error(404, 'Not Found');
        return this.page(this.store.list(owner, repo, issue), url);
      }
      case 'issues/create-comment': {
        const issue = Number(p['issue_number']);
        if (!this.store.hasPullRequest(owner, repo, issue)) return error(404, 'Not Found');
        const text = String(json?.['body'] ?? '');
        if (text.length > MAX_BODY) return tooLong();
        const c = this.store.create(owner, repo, issue, text, 'github-actions[bot]');
        const out = commentJson(c, this.url);
        return { status: 201, body: out, headers: { location: String(out['url']) } };
      }
      case 'issues/update-comment': {
        const c = this.store.get(owner, repo, Number(p['comment_id']));
        if (!c) return error(404, 'Not Found');
        const text = String(json?.['body'] ?? '');
        if (text.length > MAX_BODY) return tooLong();
        return { status: 200, body: commentJson(this.store.update(c, text), this.url) };
      }
      case 'issues/get-comment': {
        const c = this.store.get(owner, repo, Number(p['comment_id']));
        return c ? { status: 200, body: commentJson(c, this.url) } : error(404, 'Not Found');
      }
      default:
        this.violations.push(
          `${method} ${matched.operation.template}: not emulated (${matched.operation.operationId})`,
        );
        return error(404, 'Not Found');
    }
  }

  /** One page of a list, with GitHub's Link header (per_page default 30, at most 100). */
  private page(items: StoredComment[], url: URL): Reply {
    const perPage = Math.min(
      100,
      Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30),
    );
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (n: number, rel: string) => {
      const u = new URL(url.pathname, this.url);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(n));
      return `<${u.href}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    return {
      status: 200,
      body: slice.map((c) => commentJson(c, this.url)),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
    };
  }

  private rateHeaders(): Record<string, string> {
    this.rateRemaining = Math.max(1, this.rateRemaining - 1);
    return {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(this.rateRemaining),
      'x-ratelimit-used': String(5000 - this.rateRemaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
    };
  }
}

export async function startGitHubEmulator(): Promise<GitHubEmulator> {
  return new GitHubEmulator().listen();
}
