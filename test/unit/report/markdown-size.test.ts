import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../../src/report/index.js';
import { DEFAULT_MAX_CHARS } from '../../../src/report/markdown.js';
import { buildReport } from './fixtures.js';
import { brokenTableLines, tables } from './markdown-helpers.js';

/** Hundreds of endpoints with very long, hostile names; many rounds, warnings and crashes. */
function hugeReport() {
  const names = Array.from(
    { length: 600 },
    (_, i) => `GET /api/${'very-long-segment|<b>'.repeat(20)}/${i}`,
  );
  const r = buildReport({
    verdict: 'regression',
    endpoints: names,
    rounds: 200,
    crashes: 30,
    warnings: Array.from({ length: 60 }, (_, i) => `warning ${i}: ${'x'.repeat(2000)}`),
  });
  for (const c of r.server?.crashes ?? [])
    c.lastLines = Array.from({ length: 200 }, (_, i) => `log line ${i} ${'y'.repeat(500)}`);
  return r;
}

const HISTORY = Array.from({ length: 100 }, (_, i) => ({
  label: `c${i}`,
  rps: 2400 + i,
  p95: 20 + i / 10,
}));

describe('renderMarkdown size limit', () => {
  it('keeps a huge report under 65,000 characters with whole tables', () => {
    const md = renderMarkdown(hugeReport(), { history: HISTORY });
    assert.ok(md.length <= DEFAULT_MAX_CHARS, `length ${md.length}`);
    assert.deepEqual(brokenTableLines(md), []);
    const all = tables(md);
    assert.equal(all[0]?.rows.length, 5, 'the headline table is whole');
    // Endpoints give way first: a shortened list, worst first, that says how many it shows.
    const shown = /Per-endpoint figures \((\d+) of 600, worst first\)/.exec(md);
    assert.ok(shown, 'a shortened endpoint list');
    const endpointTable = all.find((t) => t.header[0] === 'Endpoint');
    assert.equal(endpointTable?.rows.length, Number(shown[1]));
    assert.ok(
      endpointTable?.rows.every((r) => r.length === endpointTable.header.length && r.length === 9),
    );
    assert.match(
      md,
      /_Left out to keep this comment under 65,000 characters: per-endpoint figures/,
    );
    assert.match(md, /The JSON report has everything\._/);
  });

  it('honours every limit, dropping detail in a fixed order', () => {
    const report = hugeReport();
    let previous = Infinity;
    for (const max of [1_000_000, 65_000, 30_000, 10_000, 5_000, 2_500]) {
      const md = renderMarkdown(report, { history: HISTORY, maxChars: max });
      assert.ok(md.length <= max, `limit ${max}: length ${md.length}`);
      assert.deepEqual(brokenTableLines(md), [], `limit ${max}`);
      assert.ok(md.length <= previous);
      previous = md.length;
      // Endpoint details always give way first; the headline table always stays.
      if (max < 1_000_000) assert.match(md, /Left out[^_]*: per-endpoint figures/);
      assert.equal(tables(md)[0]?.rows.length, 5);
    }
  });

  it('cuts only plain text when the limit is tiny', () => {
    const md = renderMarkdown(hugeReport(), { maxChars: 300 });
    assert.ok(md.length <= 300);
    assert.ok(md.startsWith('<!-- loadgate:items-api -->'));
    assert.doesNotMatch(md, /^\|/m);
  });

  it('leaves a normal report whole, with no note', () => {
    const md = renderMarkdown(buildReport({ endpoints: 20 }), { history: HISTORY.slice(0, 5) });
    assert.doesNotMatch(md, /Left out/);
    assert.match(md, /<summary>Per-endpoint figures \(20\)<\/summary>/);
    assert.match(md, /xychart-beta/);
  });

  it('keeps everything in a job summary (1 MiB limit)', () => {
    const md = renderMarkdown(hugeReport(), { maxChars: 1_000_000 });
    assert.equal(tables(md).find((t) => t.header[0] === 'Endpoint')?.rows.length, 600);
    assert.doesNotMatch(md, /Left out/);
  });
});
