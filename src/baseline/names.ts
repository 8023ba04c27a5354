/**
 * File names for series on the baseline branch: readable, safe on every file system, and
 * distinct for distinct names (a short hash is added whenever the name had to be changed).
 */
import { createHash } from 'node:crypto';

export function seriesFileName(name: string): string {
  const safe =
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 80) || 'series';
  if (safe === name) return `${safe}.json`;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${safe}-${hash}.json`;
}
