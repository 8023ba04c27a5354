/**
 * Reads the files project detection looks at (project.ts): manage.py, package.json and Python
 * modules up to two folders deep, skipping dependency and build folders. I/O edge.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SKIP = new Set([
  'node_modules',
  '.git',
  'venv',
  '.venv',
  'env',
  '__pycache__',
  'dist',
  'build',
  '.loadgate',
]);
const MAX_FILES = 300;
const MAX_BYTES = 200_000;

export async function readProject(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const visit = async (rel: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.size >= MAX_FILES) return;
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (depth < 2 && !SKIP.has(e.name) && !e.name.startsWith('.')) await visit(path, depth + 1);
        continue;
      }
      if (!e.isFile()) continue;
      const wanted =
        e.name.endsWith('.py') ||
        (depth === 0 && e.name === 'package.json') ||
        (depth === 0 && e.name === 'server.js');
      if (!wanted) continue;
      const full = join(dir, path);
      if ((await stat(full)).size > MAX_BYTES) {
        files.set(path, '');
        continue;
      }
      files.set(path, await readFile(full, 'utf8'));
    }
  };
  await visit('', 0);
  return files;
}
