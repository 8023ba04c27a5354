/**
 * Compiles the config's template syntax (src/config/template.ts owns it) into renderers.
 * Everything known before load (env, vars, captures) is folded into literal text at compile
 * time; only `${seq}`, `${uuid}`, `${randomInt(a,b)}` and `${data.col}` remain per request, so
 * a template without them renders as a constant string at no cost.
 */
import { parseTemplate } from '../config/template.js';
import type { Rng } from './rng.js';

/** What a per-request template reads. One object per connection, refilled before each request. */
export interface RenderContext {
  seq: number;
  row: Record<string, string> | null;
  rng: Rng;
}

export interface Template {
  /** The text when the template is constant; null when it must be rendered per request. */
  readonly constant: string | null;
  render(ctx: RenderContext): string;
}

export interface TemplateScope {
  env: Record<string, string | undefined>;
  vars: Record<string, string>;
  captures: Record<string, string>;
  /** Columns of the data feed; null when there is no feed. */
  columns: ReadonlySet<string> | null;
}

/** Thrown with a message naming the problem; the caller adds which request and field. */
export class TemplateError extends Error {}

type Piece = string | ((ctx: RenderContext) => string);

const same = (v: string): string => v;

/**
 * Compile `text`. `escape` is applied to every substituted value (JSON string bodies, URL
 * parts), `literal` to the template's own text (query values are encoded whole).
 */
export function compileTemplate(
  text: string,
  scope: TemplateScope,
  escape: (value: string) => string = same,
  literal: (text: string) => string = same,
): Template {
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new TemplateError(parsed.error);
  const pieces: Piece[] = [];
  const push = (p: Piece): void => {
    const prev = pieces[pieces.length - 1];
    if (typeof p === 'string' && typeof prev === 'string') pieces[pieces.length - 1] = prev + p;
    else pieces.push(p);
  };
  for (const part of parsed.parts) {
    switch (part.kind) {
      case 'text':
        push(literal(part.text));
        break;
      case 'env': {
        const v = scope.env[part.name];
        if (v === undefined)
          throw new TemplateError(`environment variable ${part.name} is not set`);
        push(escape(v));
        break;
      }
      case 'vars': {
        const v = scope.captures[part.name] ?? scope.vars[part.name];
        if (v === undefined)
          throw new TemplateError(`\${vars.${part.name}} is not defined in vars`);
        push(escape(v));
        break;
      }
      case 'capture': {
        const v = scope.captures[part.name] ?? scope.vars[part.name];
        if (v === undefined)
          throw new TemplateError(`\${${part.name}} was not captured by a setup request`);
        push(escape(v));
        break;
      }
      case 'data': {
        const col = part.column;
        if (scope.columns === null) throw new TemplateError(`\${data.${col}} needs a data feed`);
        if (!scope.columns.has(col)) {
          throw new TemplateError(
            `\${data.${col}}: the data feed has no column ${col} (has ${[...scope.columns].join(', ')})`,
          );
        }
        push((ctx) => escape(ctx.row?.[col] ?? ''));
        break;
      }
      case 'seq':
        push((ctx) => String(ctx.seq));
        break;
      case 'uuid':
        push((ctx) => ctx.rng.uuid());
        break;
      case 'randomInt': {
        const { min, max } = part;
        push((ctx) => String(ctx.rng.int(min, max)));
        break;
      }
    }
  }
  return fromPieces(pieces);
}

function fromPieces(pieces: Piece[]): Template {
  if (pieces.length === 0) return constantTemplate('');
  if (pieces.length === 1 && typeof pieces[0] === 'string') return constantTemplate(pieces[0]);
  const frozen = pieces.slice();
  return {
    constant: null,
    render(ctx) {
      let out = '';
      for (const p of frozen) out += typeof p === 'string' ? p : p(ctx);
      return out;
    },
  };
}

export function constantTemplate(text: string): Template {
  return { constant: text, render: () => text };
}

/** Escape a value for the inside of a JSON string literal. */
export function jsonStringEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
