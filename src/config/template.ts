/**
 * The template syntax of request paths, query and header values and bodies:
 *   ${env.NAME} ${vars.name} ${data.column} ${seq} ${uuid} ${randomInt(1,100)} ${captured}
 * `$${` is a literal `${`. The config room owns the syntax (and validates references); the
 * engine compiles the same parts, so both agree on what a template means.
 */

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'env'; name: string }
  | { kind: 'vars'; name: string }
  | { kind: 'data'; column: string }
  | { kind: 'seq' }
  | { kind: 'uuid' }
  | { kind: 'randomInt'; min: number; max: number }
  /** A value captured by a setup request (`capture: { token: ... }` -> `${token}`). */
  | { kind: 'capture'; name: string };

export type TemplateResult = { ok: true; parts: TemplatePart[] } | { ok: false; error: string };

/** Names a capture may not take: they would shadow built-ins. */
export const RESERVED_NAMES = new Set(['env', 'vars', 'data', 'seq', 'uuid', 'randomInt']);
export const CAPTURE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RANDOM_INT = /^randomInt\(\s*(-?\d+)\s*,\s*(-?\d+)\s*\)$/;
const EXPECTED_EXPR =
  'expected env.NAME, vars.NAME, data.COLUMN, seq, uuid, randomInt(MIN,MAX) or a name captured in setup';

function parseExpression(expr: string): TemplatePart | string {
  const dot = expr.indexOf('.');
  if (dot > 0) {
    const scope = expr.slice(0, dot);
    const name = expr.slice(dot + 1).trim();
    if (scope === 'env' && ENV_NAME.test(name)) return { kind: 'env', name };
    if (scope === 'vars' && VAR_NAME.test(name)) return { kind: 'vars', name };
    if (scope === 'data' && name.length > 0) return { kind: 'data', column: name };
    return `unknown template \${${expr}}: ${EXPECTED_EXPR}`;
  }
  if (expr === 'seq') return { kind: 'seq' };
  if (expr === 'uuid') return { kind: 'uuid' };
  if (expr.startsWith('randomInt')) {
    const m = RANDOM_INT.exec(expr);
    if (!m) return `bad template \${${expr}}: expected randomInt(MIN,MAX) with whole numbers`;
    const min = Number(m[1]);
    const max = Number(m[2]);
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
      return `bad template \${${expr}}: randomInt needs whole numbers with MIN <= MAX`;
    }
    return { kind: 'randomInt', min, max };
  }
  if (CAPTURE_NAME.test(expr) && !RESERVED_NAMES.has(expr)) return { kind: 'capture', name: expr };
  return `unknown template \${${expr}}: ${EXPECTED_EXPR}`;
}

/** Split a template into literal text and expressions; adjacent text is merged. */
export function parseTemplate(input: string): TemplateResult {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < input.length) {
    if (input.startsWith('$${', i)) {
      text += '${';
      i += 3;
      continue;
    }
    if (!input.startsWith('${', i)) {
      text += input[i];
      i += 1;
      continue;
    }
    const end = input.indexOf('}', i + 2);
    if (end < 0) {
      return {
        ok: false,
        error: `unclosed \${ at character ${i + 1} (write $\${ for a literal \${)`,
      };
    }
    const expr = input.slice(i + 2, end).trim();
    if (expr.length === 0) return { ok: false, error: `empty \${} at character ${i + 1}` };
    const part = parseExpression(expr);
    if (typeof part === 'string') return { ok: false, error: part };
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push(part);
    i = end + 1;
  }
  if (text) parts.push({ kind: 'text', text });
  return { ok: true, parts };
}

/** True when the string contains at least one expression (plain strings need no compiling). */
export function hasTemplate(input: string): boolean {
  const r = parseTemplate(input);
  return !r.ok || r.parts.some((p) => p.kind !== 'text');
}
