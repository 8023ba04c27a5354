import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendJobSummary, SUMMARY_MAX_BYTES } from '../../../src/github/job-files.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'loadgate-github-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function bigReport(tables: number): string {
  const parts = ['# loadgate: items-api', '**Verdict: pass**'];
  for (let t = 0; t < tables; t++) {
    const rows = ['| endpoint | rps | p95 |', '| --- | ---: | ---: |'];
    for (let r = 0; r < 400; r++) rows.push(`| t${t}-endpoint-${r} ✓ | ${r}.5 | ${t}.${r} |`);
    parts.push(rows.join('\n'));
  }
  return parts.join('\n\n');
}

test('the summary is appended after what the step already wrote', async () => {
  await withDir(async (dir) => {
    const file = join(dir, 'summary.md');
    await writeFile(file, '# earlier step output\n');
    const result = await appendJobSummary('## loadgate\n\nall good', file);
    assert.deepEqual(result, {
      bytes: Buffer.byteLength('## loadgate\n\nall good\n'),
      truncated: false,
    });
    assert.equal(await readFile(file, 'utf8'), '# earlier step output\n## loadgate\n\nall good\n');
  });
});

test('a summary over 1 MiB is cut on table boundaries and notes it', async () => {
  await withDir(async (dir) => {
    const file = join(dir, 'summary.md');
    const md = bigReport(80);
    assert.ok(Buffer.byteLength(md) > SUMMARY_MAX_BYTES);
    const result = await appendJobSummary(md, file);
    const written = await readFile(file, 'utf8');
    assert.equal(result.truncated, true);
    assert.ok(Buffer.byteLength(written) <= SUMMARY_MAX_BYTES);
    assert.ok(Buffer.byteLength(written) > SUMMARY_MAX_BYTES * 0.9, 'most of the budget is used');
    assert.match(written, /shortened to fit GitHub's 1 MiB job summary limit/);
    // Every table written is complete: 400 rows each.
    const tables = written.split('\n\n').filter((b) => b.startsWith('| endpoint'));
    assert.ok(tables.length > 0);
    for (const t of tables) assert.equal(t.split('\n').length, 402);
  });
});

test('what the step already wrote counts against the cap', async () => {
  await withDir(async (dir) => {
    const file = join(dir, 'summary.md');
    await writeFile(file, 'x'.repeat(5000));
    const result = await appendJobSummary(bigReport(3), file, 20_000);
    assert.equal(result.truncated, true);
    assert.ok(Buffer.byteLength(await readFile(file, 'utf8')) <= 20_000);
  });
});

test('no summary file (the CLI, a local run): nothing written', async () => {
  assert.deepEqual(await appendJobSummary('# x', undefined), { bytes: 0, truncated: false });
});

test('the text goes through the given writer (the action: core.summary)', async () => {
  const written: string[] = [];
  const result = await appendJobSummary(
    '# x',
    '/nonexistent/summary.md',
    100,
    async (text, file) => {
      written.push(`${file}: ${text}`);
    },
  );
  assert.deepEqual(written, ['/nonexistent/summary.md: # x\n']);
  assert.deepEqual(result, { bytes: 4, truncated: false });
});
