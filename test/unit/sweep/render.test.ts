import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marked, type Token } from 'marked';
import { renderSweepJson, renderSweepMarkdown } from '../../../src/sweep/render-markdown.js';
import { bar, renderSweepText, wrap } from '../../../src/sweep/render-text.js';
import { brokenTableLines, html, tables } from '../report/markdown-helpers.js';
import { point, report } from './fixtures.js';

const points = [
  point(1, 2000, 20),
  point(2, 3900, 11, { generatorBound: true }),
  point(3, 4000, 11.5),
  point(4, 0, 0, { failure: 'worker 3 | exited with code 1' }),
];

function codeBlocks(md: string): { lang: string; text: string }[] {
  return (marked.lexer(md) as Token[])
    .filter((t) => t.type === 'code')
    .map((t) => ({
      lang: (t as { lang?: string }).lang ?? '',
      text: (t as { text: string }).text,
    }));
}

test('Markdown: recommendation, two Mermaid xycharts, and a table that GFM reads back', () => {
  const md = renderSweepMarkdown(report(points));
  assert.match(md, /\*\*Recommended: 2 workers\.\*\* CPU-bound: RPS flat after 2 workers/);
  const charts = codeBlocks(md).filter((b) => b.lang === 'mermaid');
  assert.equal(charts.length, 2);
  assert.match(charts[0]?.text ?? '', /^xychart-beta\n {2}title "RPS by workers/);
  assert.match(charts[0]?.text ?? '', /x-axis "workers" \[1, 2, 3, 4\]/);
  assert.match(charts[0]?.text ?? '', /bar \[2000, 3900, 4000, 0\]/);
  assert.match(charts[1]?.text ?? '', /line \[20, 11, 11\.5, 0\]/);
  assert.deepEqual(brokenTableLines(md), []);
  const [t] = tables(md);
  assert.deepEqual(t?.header.slice(0, 4), ['Workers', 'RPS', 'p50', 'p95']);
  assert.equal(t?.rows.length, 4);
  assert.equal(t?.rows[1]?.[0], '2 ✅');
  assert.equal(t?.rows[1]?.[8], 'generator-bound');
  assert.equal(t?.rows[2]?.[1], '4,000');
  assert.equal(t?.rows[3]?.[8], 'failed: worker 3 | exited with code 1');
});

test('Markdown: names, commands and reasons from outside are escaped', () => {
  const md = renderSweepMarkdown(
    report(points, {
      name: '<script>alert(1)</script> @team',
      command: 'node `x` | <b>',
      recommendation: { workers: null, reason: 'see <img src=x> @octocat', shape: 'none' },
      warnings: ['<i>careful</i>'],
    }),
  );
  const out = html(md);
  assert.doesNotMatch(out, /<script>|<img|<b>|<i>/);
  assert.match(out, /&lt;script&gt;alert/);
  assert.doesNotMatch(md, /@team|@octocat/); // zero-width space after @: no mention
  assert.match(md, /\*\*No worker count to recommend\.\*\*/);
  assert.match(out, /<code>node `x` \| &lt;b&gt;<\/code>/);
});

test('Markdown: a connections sweep adds its chart and the knee', () => {
  const md = renderSweepMarkdown(
    report(points, {
      concurrency: {
        workers: 2,
        knee: 32,
        reason: 'RPS levels off at 32 connections.',
        points: [1, 8, 32, 64].map((c) => ({
          connections: c,
          rps: Math.min(c, 32) * 100,
          p50: c / 10,
          p95: c / 5,
          p99: c / 4,
          errorRate: 0,
          generatorBound: false,
          failure: null,
        })),
      },
    }),
  );
  assert.equal(codeBlocks(md).filter((b) => b.lang === 'mermaid').length, 3);
  assert.match(md, /### Connections at 2 workers/);
  assert.deepEqual(brokenTableLines(md), []);
  assert.equal(tables(md)[1]?.rows[2]?.[0], '32 (knee)');
});

test('text: bars scale to the best, the recommended count is marked, controls are removed', () => {
  assert.equal(bar(10, 10, 4), '████');
  assert.equal(bar(5, 10, 4), '██');
  assert.equal(bar(1, 10, 4), '▍');
  assert.equal(bar(0, 10), '');
  const text = renderSweepText(report(points, { name: 'api\u001b[2Jx' }));
  assert.ok(!text.includes('\u001b'), 'no escape character');
  const rpsLines = text
    .split('\n')
    .filter((l) => /^ {2}\d │/.test(l))
    .slice(0, 4);
  assert.equal(rpsLines.length, 4);
  assert.match(rpsLines[1] ?? '', /3,900 {2}◀ recommended$/);
  assert.match(rpsLines[2] ?? '', /│█{40} 4,000$/);
  assert.match(rpsLines[3] ?? '', /failed$/);
  assert.match(text, /Recommendation: 2 workers\n {2}CPU-bound/);
  assert.match(text, /server on CPU 0,1 \(not pinned/);
  const pinned = renderSweepText(report(points, { cpus: [0], pinned: true }));
  assert.match(pinned, /server pinned to CPU 0 \(1 of 2, taskset\)/);
});

test('wrap keeps lines within the width', () => {
  const lines = wrap('word '.repeat(60), 40);
  assert.ok(lines.length > 1);
  assert.ok(lines.every((l) => l.length <= 40));
});

test('JSON: the documented fields', () => {
  const parsed = JSON.parse(renderSweepJson(report(points))) as Record<string, unknown>;
  assert.equal(parsed.schema, 1);
  assert.equal(parsed.kind, 'sweep');
  const first = (parsed.points as Record<string, unknown>[])[0] ?? {};
  for (const key of [
    'workers',
    'rps',
    'p50',
    'p95',
    'p99',
    'errorRate',
    'cpuPerWorker',
    'memoryBytes',
    'generatorBound',
  ])
    assert.ok(key in first, key);
  assert.deepEqual(Object.keys(parsed.recommendation as object).slice(0, 2), ['workers', 'reason']);
  for (const key of ['cpus', 'pinned', 'runner', 'versions']) assert.ok(key in parsed, key);
});
