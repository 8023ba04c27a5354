/**
 * GitHub's published REST description (@octokit/openapi, api.github.com.json), loaded once per
 * process on first use, and the checks the emulator runs with it: a request's path, query and
 * body, and a response's status and body, against the operation the path and method resolve to.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { validateSchema, type Schema } from './schema-validator.js';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  parameters: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }>; $ref?: string }>;
}

export interface MatchedOperation {
  operation: Operation;
  pathParams: Record<string, string>;
}

/**
 * Statuses GitHub can answer on any endpoint, with a basic-error body, whether or not the
 * operation lists them: 401/403 (auth, permissions, rate limits), 404 (no access looks like
 * absence), 429 (secondary limits), 5xx (outages).
 */
const ANY_ENDPOINT_STATUSES = new Set([401, 403, 404, 429, 500, 502, 503]);

interface Document {
  info: { version: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

let loaded: OpenApiSpec | null = null;

/** The api.github.com description; parsed on the first call only (about 0.1 s). */
export function githubSpec(): OpenApiSpec {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('@octokit/openapi/package.json'));
    const file = join(root, 'generated', 'api.github.com.json');
    loaded = new OpenApiSpec(JSON.parse(readFileSync(file, 'utf8')) as Document);
  }
  return loaded;
}

export class OpenApiSpec {
  readonly version: string;
  private readonly doc: Document;
  private readonly matchers: {
    template: string;
    regex: RegExp;
    names: string[];
    literal: number;
  }[];

  constructor(doc: Document) {
    this.doc = doc;
    this.version = doc.info.version;
    this.matchers = Object.keys(doc.paths).map((template) => {
      const names: string[] = [];
      const pattern = template
        .split('/')
        .map((seg) => {
          const m = /^\{(.+)\}$/.exec(seg);
          if (!m?.[1]) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1]);
          return '([^/]+)';
        })
        .join('/');
      return {
        template,
        regex: new RegExp(`^${pattern}$`),
        names,
        literal: template.split('/').length - names.length,
      };
    });
    // Literal segments win: /issues/comments before /issues/{issue_number}.
    this.matchers.sort((a, b) => b.literal - a.literal);
  }

  resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = this.doc;
    for (const part of ref.slice(2).split('/')) {
      node = (node as Record<string, unknown> | undefined)?.[
        part.replace(/~1/g, '/').replace(/~0/g, '~')
      ];
    }
    if (typeof node !== 'object' || node === null) throw new Error(`unresolvable $ref ${ref}`);
    return node as Schema;
  };

  private deref<T>(node: T): T {
    const ref = (node as { $ref?: unknown }).$ref;
    return typeof ref === 'string' ? this.deref(this.resolve(ref) as T) : node;
  }

  /** The operation for a method and a request path, or null when GitHub describes none. */
  match(method: string, pathname: string): MatchedOperation | null {
    const lower = method.toLowerCase();
    for (const m of this.matchers) {
      const hit = m.regex.exec(pathname);
      const raw = hit ? this.doc.paths[m.template]?.[lower] : undefined;
      if (!hit || !raw) continue;
      const item = this.doc.paths[m.template] as { parameters?: unknown[] };
      const op = raw as Omit<Operation, 'method' | 'template' | 'parameters'> & {
        parameters?: unknown[];
      };
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
        this.deref(p as Parameter),
      );
      const pathParams: Record<string, string> = {};
      m.names.forEach((name, i) => (pathParams[name] = decodeURIComponent(hit[i + 1] ?? '')));
      return { operation: { ...op, method: lower, template: m.template, parameters }, pathParams };
    }
    return null;
  }

  /** Violations of a request: path and query parameters against their schemas, and the JSON body. */
  checkRequest(
    matched: MatchedOperation,
    query: URLSearchParams,
    contentType: string | undefined,
    body: string,
  ): string[] {
    const { operation: op, pathParams } = matched;
    const where = `${op.method.toUpperCase()} ${op.template} (${op.operationId})`;
    const errors: string[] = [];
    for (const p of op.parameters.filter((p) => p.in === 'path')) {
      errors.push(...this.checkParam(p, pathParams[p.name], `${where} path parameter ${p.name}`));
    }
    const known = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(query.keys())) {
      if (!known.has(name))
        errors.push(`${where}: query parameter "${name}" is not in the description`);
    }
    for (const p of op.parameters.filter((p) => p.in === 'query')) {
      errors.push(
        ...this.checkParam(p, query.get(p.name) ?? undefined, `${where} query parameter ${p.name}`),
      );
    }
    const rb = op.requestBody ? this.deref(op.requestBody) : undefined;
    if (!rb) {
      if (body !== '')
        errors.push(`${where}: a request body was sent but the operation takes none`);
      return errors;
    }
    if (body === '') {
      if (rb.required) errors.push(`${where}: the request body is required`);
      return errors;
    }
    const schema = rb.content?.['application/json']?.schema;
    if (!contentType?.startsWith('application/json'))
      errors.push(`${where}: request content-type ${contentType} is not application/json`);
    return [...errors, ...this.checkJson(schema, body, `${where} request body`)];
  }

  /** Violations of a response: a status the operation declares, and a body matching its schema. */
  checkResponse(
    operation: Operation,
    status: number,
    contentType: string | undefined,
    body: string,
  ): string[] {
    const where = `${operation.method.toUpperCase()} ${operation.template} (${operation.operationId}) response ${status}`;
    let declared = operation.responses[String(status)] ?? operation.responses['default'];
    if (!declared && ANY_ENDPOINT_STATUSES.has(status))
      declared = { $ref: '#/components/responses/forbidden' };
    if (!declared) return [`${where}: status ${status} is not declared for this operation`];
    const response = this.deref(declared);
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return body === '' ? [] : [`${where}: a body was sent but none is declared`];
    const errors = contentType?.startsWith('application/json')
      ? []
      : [`${where}: content-type ${contentType} is not application/json`];
    return [...errors, ...this.checkJson(schema, body, where)];
  }

  private checkParam(p: Parameter, raw: string | undefined, where: string): string[] {
    if (raw === undefined) return p.required ? [`${where} is required`] : [];
    const type = p.schema ? this.deref(p.schema)['type'] : undefined;
    let value: unknown = raw;
    if (type === 'integer' || type === 'number')
      value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    if (type === 'boolean') value = raw === 'true' ? true : raw === 'false' ? false : raw;
    return p.schema ? validateSchema(p.schema, value, this.resolve, where) : [];
  }

  private checkJson(schema: Schema | undefined, body: string, where: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`${where}: body is not JSON`];
    }
    return schema ? validateSchema(schema, value, this.resolve).map((e) => `${where}: ${e}`) : [];
  }
}
