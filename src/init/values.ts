/**
 * A value for an OpenAPI parameter, from what the document says about it: `example`,
 * `examples`, `x-example` (Swagger 2), the schema's example(s), `default`, `enum`/`const`, a
 * boolean, or a number within the schema's bounds. Pure. Returns null when the document gives
 * nothing to go on (an id without an example would only produce 404s).
 */
import { arr, isObj, obj, type Obj } from './text.js';

export interface FoundValue {
  value: string;
  /** Which keyword it came from, for the request's note. */
  from: string;
}

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(scalar);
    return parts.length > 0 && parts.every((p) => p !== null) ? parts.join(',') : null;
  }
  return null;
}

function firstExample(examples: unknown): unknown {
  if (Array.isArray(examples)) return examples[0];
  if (isObj(examples)) {
    for (const example of Object.values(examples)) {
      if (isObj(example) && 'value' in example) return example.value;
    }
  }
  return undefined;
}

/** A number within the schema's bounds (3.0 boolean and 3.1 numeric exclusive bounds). */
function fromBounds(schema: Obj): string | null {
  const type = schema.type;
  const integer = type === 'integer';
  if (!integer && type !== 'number') return null;
  const step = integer ? 1 : 0.5;
  let low: number | null = null;
  if (typeof schema.minimum === 'number') {
    low = schema.exclusiveMinimum === true ? schema.minimum + step : schema.minimum;
  }
  if (typeof schema.exclusiveMinimum === 'number') low = schema.exclusiveMinimum + step;
  let high: number | null = null;
  if (typeof schema.maximum === 'number') {
    high = schema.exclusiveMaximum === true ? schema.maximum - step : schema.maximum;
  }
  if (typeof schema.exclusiveMaximum === 'number') high = schema.exclusiveMaximum - step;
  if (low === null && high === null) return null;
  let value = low ?? Math.min(1, high ?? 1);
  if (integer) value = Math.ceil(value);
  if (high !== null && value > high) return null;
  return String(value);
}

/** From a schema alone (also used for array items and anyOf/oneOf/allOf branches). */
export function schemaValue(schemaIn: unknown, depth = 0): FoundValue | null {
  const schema = obj(schemaIn);
  if (depth > 4) return null;
  const tries: [string, unknown][] = [
    ['example', schema.example],
    ['examples', firstExample(schema.examples)],
    ['default', schema.default],
    ['enum', arr(schema.enum)[0]],
    ['const', schema.const],
  ];
  for (const [from, v] of tries) {
    const s = v === undefined ? null : scalar(v);
    if (s !== null) return { value: s, from };
  }
  if (schema.type === 'boolean') return { value: 'true', from: 'boolean' };
  const bounded = fromBounds(schema);
  if (bounded !== null) return { value: bounded, from: 'bounds' };
  if (schema.type === 'array' && schema.items !== undefined) {
    const item = schemaValue(schema.items, depth + 1);
    if (item !== null) return { value: item.value, from: `items ${item.from}` };
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const branch of arr(schema[key])) {
      const found = schemaValue(branch, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * A parameter object (OpenAPI 3: the value lives in `schema`; Swagger 2: on the parameter
 * itself, plus the `x-example` extension).
 */
export function parameterValue(param: Obj): FoundValue | null {
  const tries: [string, unknown][] = [
    ['example', param.example],
    ['examples', firstExample(param.examples)],
    ['x-example', param['x-example']],
  ];
  for (const [from, v] of tries) {
    const s = v === undefined ? null : scalar(v);
    if (s !== null) return { value: s, from };
  }
  return schemaValue(param.schema !== undefined ? param.schema : param);
}
