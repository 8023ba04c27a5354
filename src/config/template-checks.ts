/**
 * Every templated string of the scenario is parsed, and every name it references must exist:
 * environment variables (at parse time, so a missing secret fails before the server boots),
 * vars, a data feed, and values captured by an *earlier* setup request.
 */
import type { Issue, PathSegment } from './issues.js';
import { closest } from './issues.js';
import type { TemplatePart } from './template.js';
import { parseTemplate } from './template.js';
import type { Config, RequestSpec } from './types.js';

interface Scope {
  env: Record<string, string | undefined>;
  vars: Record<string, string>;
  hasData: boolean;
  /** Names captured before this request runs. */
  captured: Set<string>;
  /** `by an earlier setup request` / `by any setup request`, for messages. */
  capturedBy: string;
}

function referenceProblem(part: TemplatePart, scope: Scope): string | null {
  switch (part.kind) {
    case 'env':
      return scope.env[part.name] === undefined
        ? `environment variable ${part.name} is not set (used as \${env.${part.name}})`
        : null;
    case 'vars': {
      if (part.name in scope.vars) return null;
      const guess = closest(part.name, Object.keys(scope.vars));
      return `\${vars.${part.name}} is not defined in vars:${guess ? ` (did you mean vars.${guess}?)` : ''}`;
    }
    case 'data':
      return scope.hasData
        ? null
        : `\${data.${part.column}} needs a data: feed (data: { file: users.csv })`;
    case 'capture': {
      if (scope.captured.has(part.name)) return null;
      const hint = part.name in scope.vars ? ` (did you mean \${vars.${part.name}}?)` : '';
      return `\${${part.name}} is not captured ${scope.capturedBy}${hint}`;
    }
    default:
      return null;
  }
}

function checkString(
  value: string,
  path: PathSegment[],
  scope: Scope,
  issues: Issue[],
): TemplatePart[] {
  const parsed = parseTemplate(value);
  if (!parsed.ok) {
    issues.push({ path, message: parsed.error });
    return [];
  }
  for (const part of parsed.parts) {
    const problem = referenceProblem(part, scope);
    if (problem) issues.push({ path, message: problem, showGot: false });
  }
  return parsed.parts;
}

/** JSON bodies: every string value (at any depth) may be a template. */
function checkJson(value: unknown, path: PathSegment[], scope: Scope, issues: Issue[]): void {
  if (typeof value === 'string') checkString(value, path, scope, issues);
  else if (Array.isArray(value)) value.forEach((v, i) => checkJson(v, [...path, i], scope, issues));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkJson(v, [...path, k], scope, issues);
  }
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function checkRequest(
  request: RequestSpec,
  at: PathSegment[],
  scope: Scope,
  issues: Issue[],
): void {
  const pathParts = checkString(request.path, [...at, 'path'], scope, issues);
  const literal = pathParts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
  if (/[\s#]/.test(literal)) {
    issues.push({
      path: [...at, 'path'],
      message: 'expected a path without spaces or # (use query: for parameters)',
    });
  }
  for (const [name, value] of Object.entries(request.query)) {
    checkString(value, [...at, 'query', name], scope, issues);
  }
  for (const [name, value] of Object.entries(request.headers)) {
    const path = [...at, 'headers', name];
    if (!HEADER_NAME.test(name))
      issues.push({
        path,
        at: 'key',
        showGot: false,
        message: `"${name}" is not a valid header name`,
      });
    if (/[\r\n\0]/.test(value))
      issues.push({ path, message: 'header values cannot contain line breaks', showGot: false });
    checkString(value, path, scope, issues);
  }
  if (request.body.kind === 'raw') checkString(request.body.value, [...at, 'body'], scope, issues);
  if (request.body.kind === 'json') checkJson(request.body.value, [...at, 'json'], scope, issues);
}

export function checkTemplates(config: Config, env: Record<string, string | undefined>): Issue[] {
  const issues: Issue[] = [];
  const base = { env, vars: config.vars, hasData: config.data !== null };
  const captured = new Set<string>();
  config.setup.forEach((request, i) => {
    const scope = {
      ...base,
      captured: new Set(captured),
      capturedBy: 'by an earlier setup request',
    };
    checkRequest(request, ['setup', i], scope, issues);
    for (const name of Object.keys(request.capture)) captured.add(name);
  });
  const scope = { ...base, captured, capturedBy: 'by any setup request' };
  config.requests.forEach((request, i) => checkRequest(request, ['requests', i], scope, issues));
  return issues;
}
