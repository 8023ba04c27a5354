/**
 * A validator for the JSON-schema subset that GitHub's OpenAPI 3.0 description uses: type,
 * nullable, enum, properties, required, additionalProperties, items, allOf/anyOf/oneOf/not,
 * $ref, string/number/array bounds, pattern and the common formats. A keyword it does not
 * know is reported as an error, so the validator can never pass something it did not check.
 */

export type Schema = Record<string, unknown>;
export type RefResolver = (ref: string) => Schema;

// Keywords that describe but do not constrain.
const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
  'discriminator',
  'contentMediaType',
  'contentEncoding',
]);

const CHECKED = new Set([
  '$ref',
  'type',
  'nullable',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minProperties',
  'maxProperties',
  'format',
]);

/** Errors as "at: what", empty when `value` satisfies `schema`. */
export function validateSchema(
  schema: Schema,
  value: unknown,
  resolve: RefResolver,
  at = '$',
): string[] {
  const ref = schema['$ref'];
  if (typeof ref === 'string') return validateSchema(resolve(ref), value, resolve, at);

  const errors: string[] = [];
  for (const key of Object.keys(schema)) {
    if (!CHECKED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith('x-')) {
      errors.push(`${at}: the validator does not support the schema keyword "${key}"`);
    }
  }
  if (value === null) {
    if (schema['nullable'] === true) return errors;
    const combined = ['allOf', 'anyOf', 'oneOf'].some((k) => Array.isArray(schema[k]));
    if (schema['type'] !== undefined || (schema['enum'] !== undefined && !combined)) {
      return [...errors, `${at}: null is not allowed here (schema not nullable)`];
    }
  }
  checkType(schema, value, at, errors);
  if (errors.length > 0) return errors;
  checkEnum(schema, value, at, errors);
  checkString(schema, value, at, errors);
  checkNumber(schema, value, at, errors);
  checkArray(schema, value, resolve, at, errors);
  checkObject(schema, value, resolve, at, errors);
  checkCombinators(schema, value, resolve, at, errors);
  return errors;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function checkType(schema: Schema, value: unknown, at: string, errors: string[]): void {
  const type = schema['type'];
  if (type === undefined || value === null) return;
  const types = Array.isArray(type) ? (type as string[]) : [type as string];
  const actual = typeOf(value);
  const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
  if (!ok) errors.push(`${at}: expected ${types.join(' or ')}, got ${actual} ${preview(value)}`);
}

function checkEnum(schema: Schema, value: unknown, at: string, errors: string[]): void {
  const values = schema['enum'];
  if (!Array.isArray(values) || value === null) return;
  if (!values.some((v) => v === value)) {
    errors.push(`${at}: ${preview(value)} is not one of ${JSON.stringify(values)}`);
  }
}

function checkString(schema: Schema, value: unknown, at: string, errors: string[]): void {
  if (typeof value !== 'string') return;
  const min = schema['minLength'];
  const max = schema['maxLength'];
  if (typeof min === 'number' && value.length < min) errors.push(`${at}: shorter than ${min}`);
  if (typeof max === 'number' && value.length > max) errors.push(`${at}: longer than ${max}`);
  const pattern = schema['pattern'];
  if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(value)) {
    errors.push(`${at}: ${preview(value)} does not match /${pattern}/`);
  }
  const format = schema['format'];
  if (format === 'date-time' && !DATE_TIME.test(value)) {
    errors.push(`${at}: ${preview(value)} is not an RFC 3339 date-time`);
  }
  if (format === 'uri' && !URL.canParse(value))
    errors.push(`${at}: ${preview(value)} is not a URI`);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkNumber(schema: Schema, value: unknown, at: string, errors: string[]): void {
  if (typeof value !== 'number') return;
  const min = schema['minimum'];
  const max = schema['maximum'];
  const exMin = schema['exclusiveMinimum'] === true;
  const exMax = schema['exclusiveMaximum'] === true;
  if (typeof min === 'number' && (exMin ? value <= min : value < min))
    errors.push(`${at}: below ${min}`);
  if (typeof max === 'number' && (exMax ? value >= max : value > max))
    errors.push(`${at}: above ${max}`);
  const step = schema['multipleOf'];
  if (typeof step === 'number' && !Number.isInteger(value / step))
    errors.push(`${at}: not a multiple of ${step}`);
  const format = schema['format'];
  if (format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31))
    errors.push(`${at}: not an int32`);
}

function checkArray(
  schema: Schema,
  value: unknown,
  resolve: RefResolver,
  at: string,
  errors: string[],
): void {
  if (!Array.isArray(value)) return;
  const min = schema['minItems'];
  const max = schema['maxItems'];
  if (typeof min === 'number' && value.length < min) errors.push(`${at}: fewer than ${min} items`);
  if (typeof max === 'number' && value.length > max) errors.push(`${at}: more than ${max} items`);
  if (
    schema['uniqueItems'] === true &&
    new Set(value.map((v) => JSON.stringify(v))).size !== value.length
  ) {
    errors.push(`${at}: items are not unique`);
  }
  const items = schema['items'];
  if (isSchema(items)) {
    value.forEach((item, i) => errors.push(...validateSchema(items, item, resolve, `${at}[${i}]`)));
  }
}

function checkObject(
  schema: Schema,
  value: unknown,
  resolve: RefResolver,
  at: string,
  errors: string[],
): void {
  if (typeOf(value) !== 'object') return;
  const object = value as Record<string, unknown>;
  const properties = isSchema(schema['properties'])
    ? (schema['properties'] as Record<string, Schema>)
    : {};
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  for (const name of required) {
    if (!(name in object)) errors.push(`${at}: required property "${name}" is missing`);
  }
  const extra = schema['additionalProperties'];
  for (const [name, v] of Object.entries(object)) {
    const where = `${at}.${name}`;
    const own = properties[name];
    if (own) errors.push(...validateSchema(own, v, resolve, where));
    else if (extra === false)
      errors.push(`${where}: property not allowed (additionalProperties: false)`);
    else if (isSchema(extra)) errors.push(...validateSchema(extra, v, resolve, where));
  }
  const count = Object.keys(object).length;
  const minP = schema['minProperties'];
  const maxP = schema['maxProperties'];
  if (typeof minP === 'number' && count < minP) errors.push(`${at}: fewer than ${minP} properties`);
  if (typeof maxP === 'number' && count > maxP) errors.push(`${at}: more than ${maxP} properties`);
}

function checkCombinators(
  schema: Schema,
  value: unknown,
  resolve: RefResolver,
  at: string,
  errors: string[],
): void {
  const branches = (key: string): Schema[] =>
    Array.isArray(schema[key]) ? (schema[key] as Schema[]) : [];
  for (const sub of branches('allOf')) errors.push(...validateSchema(sub, value, resolve, at));
  const anyOf = branches('anyOf');
  if (anyOf.length > 0) {
    const results = anyOf.map((sub) => validateSchema(sub, value, resolve, at));
    if (!results.some((r) => r.length === 0))
      errors.push(`${at}: matches no branch of anyOf (${summary(results)})`);
  }
  const oneOf = branches('oneOf');
  if (oneOf.length > 0) {
    const results = oneOf.map((sub) => validateSchema(sub, value, resolve, at));
    const passing = results.filter((r) => r.length === 0).length;
    if (passing === 0) errors.push(`${at}: matches no branch of oneOf (${summary(results)})`);
    if (passing > 1)
      errors.push(`${at}: matches ${passing} branches of oneOf, expected exactly one`);
  }
  const not = schema['not'];
  if (isSchema(not) && validateSchema(not, value, resolve, at).length === 0) {
    errors.push(`${at}: matches a "not" schema`);
  }
}

function summary(results: string[][]): string {
  return results.map((r, i) => `#${i}: ${r[0] ?? 'ok'}`).join('; ');
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
