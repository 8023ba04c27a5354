/**
 * zod issues -> loadgate Issues: one issue per unknown key (pointing at the key, with a
 * "did you mean"), plain wording for zod's own messages, "is required" for missing keys.
 */
import { z } from 'zod';
import type { Issue, IssueSource, PathSegment } from './issues.js';
import { unknownKeyMessage } from './issues.js';

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** Fallback wording for issues whose schema gave no message of its own. */
export const plainErrors: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === 'invalid_type') return `expected ${TYPE_NAMES[iss.expected] ?? iss.expected}`;
  if (iss.code === 'too_small' && iss.origin === 'array')
    return `expected at least ${String(iss.minimum)} item(s)`;
  return undefined;
};

/** Step through wrappers (optional, default, preprocess, transform) to the schema that matters. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (let i = 0; i < 20; i++) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      // preprocess = pipe(transform, schema); schema.transform(fn) = pipe(schema, transform)
      current = (current.in instanceof z.ZodTransform ? current.out : current.in) as z.ZodType;
    } else {
      break;
    }
  }
  return current;
}

/** The keys an object accepts at `path`, for "did you mean" suggestions. */
export function allowedKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!current) return [];
    if (current instanceof z.ZodObject) {
      current = (current.shape as Record<string, z.ZodType>)[String(segment)];
    } else if (current instanceof z.ZodArray) {
      current = current.element as z.ZodType;
    } else if (current instanceof z.ZodRecord) {
      current = current.valueType as z.ZodType;
    } else if (current instanceof z.ZodUnion) {
      current = (current.options as z.ZodType[]).find((o) => unwrap(o) instanceof z.ZodArray);
    } else {
      return [];
    }
    current = current ? unwrap(current) : undefined;
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape as object) : [];
}

/** `ready: health` fails at ready.path, which the file spells as just `ready`: point there. */
function shorthandPath(path: PathSegment[], source: IssueSource): PathSegment[] {
  let p = path;
  while (p.length > 0 && source.valueAt(p) === undefined) {
    const parent = source.valueAt(p.slice(0, -1));
    if (parent === undefined || (parent !== null && typeof parent === 'object')) break;
    p = p.slice(0, -1);
  }
  return p;
}

export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  source: IssueSource,
): Issue[] {
  const out: Issue[] = [];
  for (const iss of issues) {
    let path = iss.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    if (iss.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(schema, path);
      for (const key of iss.keys) {
        out.push({
          path: [...path, key],
          at: 'key',
          showGot: false,
          message: unknownKeyMessage(key, allowed),
        });
      }
      continue;
    }
    path = shorthandPath(path, source);
    if (source.valueAt(path) === undefined) {
      out.push({ path, message: `is required (${iss.message})`, showGot: false });
      continue;
    }
    out.push({ path, message: iss.message });
  }
  return out;
}
