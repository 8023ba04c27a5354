import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitBlocks, truncateMarkdown } from '../../../src/github/truncate.js';

const chars = (s: string) => s.length;
const NOTE = '> shortened';

function table(rows: number, tag: string): string {
  const lines = ['| endpoint | rps |', '| --- | ---: |'];
  for (let i = 0; i < rows; i++) lines.push(`| ${tag}-${i} | ${i * 10} |`);
  return lines.join('\n');
}

test('text under the limit comes back unchanged', () => {
  const md = '# Title\n\nSome text.';
  assert.deepEqual(truncateMarkdown(md, 1000, chars, NOTE), { text: md, truncated: false });
});

test('blocks are kept whole from the top: a table is never cut in half', () => {
  const first = table(5, 'a');
  const second = table(200, 'b');
  const md = `# Result\n\n${first}\n\n${second}\n\ntrailing paragraph`;
  const out = truncateMarkdown(md, first.length + 200, chars, NOTE);
  assert.equal(out.truncated, true);
  assert.ok(out.text.length <= first.length + 200);
  assert.ok(out.text.includes(first), 'the first table survives whole');
  assert.ok(!out.text.includes('| b-'), 'no row of the table that did not fit');
  assert.ok(out.text.trimEnd().endsWith(NOTE));
});

test('code fences stay whole even with blank lines inside', () => {
  const fence = '```mermaid\nxychart-beta\n\n  line [1, 2, 3]\n```';
  assert.deepEqual(splitBlocks(`intro\n\n${fence}\n\nafter`), ['intro', fence, 'after']);
  const out = truncateMarkdown(`intro\n\n${fence}\n\n${'x'.repeat(500)}`, 80, chars, NOTE);
  assert.ok(out.text.includes(fence));
  const cut = truncateMarkdown(`intro\n\n${fence}\n\nafter`, 30, chars, NOTE);
  assert.ok(
    !cut.text.includes('```'),
    'a fence that does not fit is dropped, not opened and left open',
  );
});

test('open <details> sections are closed after a cut', () => {
  const md = [
    '<details><summary>Endpoints</summary>',
    table(3, 'a'),
    table(300, 'b'),
    '</details>',
  ].join('\n\n');
  const out = truncateMarkdown(md, 400, chars, NOTE);
  assert.equal(out.truncated, true);
  assert.equal((out.text.match(/<details>/g) ?? []).length, 1);
  assert.equal((out.text.match(/<\/details>/g) ?? []).length, 1);
  assert.ok(out.text.indexOf('</details>') < out.text.indexOf(NOTE));
});

test('an oversized first paragraph is cut on a line boundary; bytes are counted as bytes', () => {
  const para = Array.from({ length: 100 }, (_, i) => `line ${i} é`).join('\n');
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  const out = truncateMarkdown(para, 200, bytes, NOTE);
  assert.ok(bytes(out.text) <= 200);
  assert.match(out.text, /^line 0 é\nline 1 é/);
  for (const line of out.text.split('\n').filter((l) => l.startsWith('line'))) {
    assert.match(line, /^line \d+ é$/);
  }
});

test('a limit smaller than the note gives empty text', () => {
  assert.deepEqual(truncateMarkdown('x'.repeat(100), 3, chars, NOTE), {
    text: '',
    truncated: true,
  });
});
