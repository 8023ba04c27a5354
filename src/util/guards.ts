/**
 * Reading values of unknown shape (parsed JSON and YAML, event payloads, thrown values) without
 * type assertions: a guard, one path reader, and the errno code of a failed system call. Pure.
 */

/** A non-null object that is not an array: its keys can be read as unknown values. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A path segment as an array index (`2`, `'2'`), or null when it is not one (`'02'`, `'x'`). */
function arrayIndex(segment: string | number): number | null {
  const n = typeof segment === 'number' ? segment : Number(segment);
  return Number.isSafeInteger(n) && n >= 0 && String(n) === String(segment) ? n : null;
}

/**
 * The value at `path` inside `value`, through objects (by key) and arrays (by index), or
 * undefined where the path leaves the data: `readPath(body, ['data', 'items', '0', 'id'])`.
 */
export function readPath(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) {
      const index = arrayIndex(segment);
      current = index === null ? undefined : current[index];
    } else if (isRecord(current)) {
      current = Object.hasOwn(current, segment) ? current[String(segment)] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/** The `code` of a failed system call (`ENOENT`, `EACCES`), or undefined for anything else. */
export function errnoCode(e: unknown): string | undefined {
  if (!(e instanceof Error) || !('code' in e)) return undefined;
  return typeof e.code === 'string' ? e.code : undefined;
}
