/**
 * Turning source text into loadgate template text, and names into the forms loadgate accepts.
 * Pure.
 */
import { isRecord } from '../util/guards.js';

/** Source text as a template literal: a `${` in it is written `$${` so it is sent as is. */
export function literal(text: string): string {
  return text.split('${').join('$${'); // not replaceAll: `$$` is special in its replacement
}

/** Every string inside a JSON value escaped with `literal` (keys are not templates). */
export function literalJson(value: unknown, map: (s: string) => string = literal): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => literalJson(v, map));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalJson(v, map)]));
  }
  return value;
}

/** An environment variable name: `petstore_auth` -> `PETSTORE_AUTH`, `X-Api-Key` -> `X_API_KEY`. */
export function envName(text: string): string {
  const name = text
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (name === '') return 'API_TOKEN';
  return /^[0-9]/.test(name) ? `API_${name}` : name;
}

/** A data column or vars name (letters, digits, `_`; `-` is allowed in vars but not columns). */
export function identifier(text: string, fallback: string): string {
  const name = text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (name === '') return fallback;
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** A baseline series name (letters, digits, space, `.`, `_`, `-`; up to 100), or null. */
export function seriesName(text: string): string | null {
  const name = text
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100)
    .trim();
  return name === '' ? null : name;
}

/** Make `name` unique among `taken` (adds ` (2)`, ` (3)`, ...) and record it. */
export function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name} (${i})`;
  taken.add(candidate);
  return candidate;
}

/** Narrowing helpers for documents read from JSON/YAML. */
export type Obj = Record<string, unknown>;
export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
export function obj(value: unknown): Obj {
  return isObj(value) ? value : {};
}
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
