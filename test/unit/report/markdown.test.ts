import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commentMarker, parseMarker, renderMarkdown } from '../../../src/report/index.js';
import { HISTORY, buildReport } from './fixtures.js';
import { brokenTableLines, html, tables } from './markdown-helpers.js';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  'a|b',
  '@octocat `x` **bold**',
  '- [link](javascript:alert(1))',
];

describe('renderMarkdown', () => {
  it('renders the headline table with five metrics and six columns', () => {
    const md = renderMarkdown(buildReport({ verdict: 'pass' }));
    const [metrics] = tables(md);
    assert.ok(metrics);
    assert.deepEqual(metrics.header, [
      'Metric',
      'Baseline',
      'Current',
      'Change',
      '95% interval',
      'Verdict',
    ]);
    assert.deepEqual(
      metrics.rows.map((r) => r[0]),
      ['RPS', 'p95 latency', 'p99 latency', 'p50 latency', 'Error rate'],
    );
    for (const row of metrics.rows) assert.equal(row.length, 6);
    assert.equal(metrics.rows[0]?.[2], '2,462');
    assert.match(md, /^### ✅ loadgate · items-api: no regression$/m);
  });

  it('shows a regression with icons, signed changes and intervals', () => {
    const md = renderMarkdown(buildReport({ verdict: 'regression' }));
    const rps = tables(md)[0]?.rows[0];
    assert.equal(rps?.[3], '-10.7%');
    assert.equal(rps?.[4], '-13.7% … -7.7%');
    assert.equal(rps?.[5], '❌ regression');
    assert.match(md, /^### ❌ .*performance regression$/m);
    assert.match(md, /RPS fell 10\\?\.7%/);
  });

  it('shows dashes for a missing baseline and says there is none', () => {
    const md = renderMarkdown(buildReport({ verdict: 'no-baseline' }));
    const metrics = tables(md)[0];
    assert.ok(metrics);
    for (const row of metrics.rows) {
      assert.equal(row[1], '—', `baseline of ${row[0]}`);
      assert.equal(row[3], '—', `change of ${row[0]}`);
      assert.equal(row[5], '🆕 new');
    }
    assert.match(md, /^### 🆕 .*no baseline to compare with$/m);
    assert.match(html(md), /none yet for <code>items-api<\/code>/);
  });

  it('keeps hostile endpoint names as text in their own cell', () => {
    const md = renderMarkdown(buildReport({ endpoints: HOSTILE }));
    const out = html(md);
    assert.doesNotMatch(out, /<img/);
    assert.doesNotMatch(out, /<a [^>]*javascript/);
    assert.doesNotMatch(out, /<strong>bold/);
    assert.doesNotMatch(out, /<code>x<\/code>/);
    assert.deepEqual(brokenTableLines(md), []);
    const endpoints = tables(md).find((t) => t.header[0] === 'Endpoint');
    assert.ok(endpoints);
    assert.deepEqual(endpoints.rows.map((r) => r[0]).sort(), [...HOSTILE].sort());
    for (const row of endpoints.rows) {
      assert.equal(row.length, endpoints.header.length);
      assert.match(row[1] ?? '', /^[\d,]+$/, 'requests column right after the name');
    }
    // A zero-width space keeps GitHub from turning @octocat into a mention.
    assert.doesNotMatch(md, /@octocat/);
  });

  it('escapes server-provided text in warnings, crash logs and the command', () => {
    const r = buildReport({ crashes: 1, warnings: ['<script>alert(1)</script> | `x`'] });
    if (r.server) r.server.command = 'echo "<b>hi</b>" | tee `x` > /dev/null';
    const out = html(renderMarkdown(r));
    assert.doesNotMatch(out, /<script>|<b>hi/);
    assert.match(out, /&lt;script&gt;alert\(1\)&lt;\/script&gt; \| `x`/);
    assert.match(
      out,
      /<code>echo &quot;&lt;b&gt;hi&lt;\/b&gt;&quot; \| tee `x` &gt; \/dev\/null<\/code>/,
    );
  });

  it('puts per-endpoint figures and rounds in <details>, regressions first', () => {
    const md = renderMarkdown(
      buildReport({ verdict: 'regression', endpoints: ['a', 'b', 'c'], rounds: 4 }),
    );
    assert.match(md, /<details>\n<summary>Per-endpoint figures \(3\)<\/summary>/);
    assert.match(md, /<details>\n<summary>Rounds \(4\)<\/summary>/);
    const endpoints = tables(md).find((t) => t.header[0] === 'Endpoint');
    assert.deepEqual(
      endpoints?.rows.map((r) => r[0]),
      ['b', 'a', 'c'],
    );
    assert.equal(tables(md).find((t) => t.header[0] === 'Round')?.rows.length, 4);
  });

  it('draws the trend as Mermaid xychart-beta when history is given', () => {
    const md = renderMarkdown(buildReport(), { history: HISTORY, currentLabel: 'PR #42' });
    const charts = md.match(/```mermaid\nxychart-beta\n[^`]*```/g) ?? [];
    assert.equal(charts.length, 2);
    assert.match(charts[0] ?? '', /x-axis \["3f2a1b0", .*"PR #42"\]/);
    assert.match(charts[0] ?? '', /bar \[2510, 2478, 2533, 2490, 2502, 2462\]/);
    assert.match(charts[1] ?? '', /title "p95 latency/);
    assert.doesNotMatch(renderMarkdown({ ...buildReport(), history: [] }), /mermaid/);
    // Without the option, the report's own history is drawn.
    assert.match(renderMarkdown(buildReport()), /```mermaid\nxychart-beta/);
  });

  it('says how the API ran: mode, workers, CPU, memory, crashes', () => {
    const md = renderMarkdown(buildReport({ server: 'spawn', crashes: 2 }));
    assert.match(md, /\*\*Mode:\*\* spawn: loadgate started 4 copies \(one shared socket\)/);
    assert.match(md, /\*\*Workers:\*\* 4: auto: 2 x 2 cores/);
    assert.match(md, /\*\*CPU per process:\*\* 86% of a core on average/);
    assert.match(md, /was killed by SIGKILL; answered again after 850 ms/);
    assert.match(md, /exited with code 1; did not recover/);
    assert.equal(tables(md).find((t) => t.header[0] === 'Process')?.rows.length, 4);
  });

  it('covers target mode, runner, noise and baseline', () => {
    const md = renderMarkdown(buildReport({ server: null }));
    assert.match(md, /Target: `http:\/\/127\.0\.0\.1:8000`, started outside loadgate/);
    assert.match(md, /\*\*Runner:\*\* AMD EPYC 7763 64-Core Processor · 2 cores/);
    assert.match(md, /RPS varied 1\.20% between rounds/);
    assert.match(md, /±2\.5%/);
    assert.match(md, /5 entries · latest from `f00dfac` · 2026-04-30 · same runner type ✅/);
  });

  it('links the run, and refuses non-http links', () => {
    const url = 'https://github.com/o/r/actions/runs/123';
    assert.match(
      html(renderMarkdown(buildReport(), { runUrl: url })),
      /<a href="https:\/\/github\.com\/o\/r\/actions\/runs\/123">/,
    );
    assert.doesNotMatch(
      renderMarkdown(buildReport(), { runUrl: 'javascript:alert(1)' }),
      /javascript/,
    );
  });

  it('says a regression is fixed when the previous comment showed one', () => {
    const md = renderMarkdown(buildReport({ verdict: 'pass' }), { previousVerdict: 'regression' });
    assert.match(md, /\*\*Fixed:\*\* the previous run found a regression/);
    const still = renderMarkdown(buildReport({ verdict: 'regression' }), {
      previousVerdict: 'regression',
    });
    assert.doesNotMatch(still, /Fixed/);
  });

  it('starts with the marker, and records the verdict for the next run', () => {
    const marker = commentMarker('items-api', 'bench', { runId: 77, sha: 'abc' });
    const md = renderMarkdown(buildReport({ verdict: 'regression' }), { marker });
    assert.ok(md.startsWith(marker));
    assert.deepEqual(parseMarker(md), {
      name: 'items-api',
      job: 'bench',
      runId: 77,
      runAttempt: null,
      sha: 'abc',
      verdict: 'regression',
    });
    assert.ok(renderMarkdown(buildReport()).startsWith(commentMarker('items-api')));
  });

  it('prints generator-bound rounds and warnings', () => {
    const md = renderMarkdown(
      buildReport({ generatorBoundRounds: [1], warnings: ['1 of 5 rounds were generator-bound'] }),
    );
    assert.match(md, /#### Warnings\n\n- ⚠️ 1 of 5 rounds were generator-bound/);
    const rounds = tables(md).find((t) => t.header[0] === 'Round');
    assert.match(rounds?.rows[1]?.[8] ?? '', /generator-bound: generator used 98% of a core/);
  });

  it('renders a report with no rounds, no endpoints and missing figures', () => {
    const r = buildReport({ endpoints: [], rounds: 0, server: null });
    r.metrics.p95.current = Number.NaN;
    r.noise = { rpsCv: null, p95Cv: null, minDetectableRpsChange: null, steal: null };
    const md = renderMarkdown(r);
    assert.doesNotMatch(md, /Per-endpoint|Rounds|\*\*Noise|NaN|undefined/);
    assert.match(md, /loadgate 0\.1\.0/);
    assert.equal(tables(md).length, 1);
    assert.equal(tables(md)[0]?.rows[1]?.[2], '—');
  });
});
