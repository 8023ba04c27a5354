import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeBlock, escapeMarkdown, inlineCode } from '../../../src/report/index.js';
import { formatTime } from '../../../src/report/format.js';
import {
  formatBytes,
  formatChange,
  formatInterval,
  formatMs,
  formatPointChange,
  formatRate,
  formatRps,
} from '../../../src/util/format.js';
import { html } from './markdown-helpers.js';

describe('number formatting', () => {
  it('formats RPS with thousands separators and sensible decimals', () => {
    assert.equal(formatRps(12_345.6), '12,346');
    assert.equal(formatRps(1_234_567), '1,234,567');
    assert.equal(formatRps(45.26), '45.3');
    assert.equal(formatRps(4.267), '4.27');
    assert.equal(formatRps(null), '—');
  });

  it('formats milliseconds by size', () => {
    assert.equal(formatMs(0.4234), '0.42 ms');
    assert.equal(formatMs(4.234), '4.23 ms');
    assert.equal(formatMs(42.34), '42.3 ms');
    assert.equal(formatMs(1234.5), '1,235 ms');
    assert.equal(formatMs(12_345), '12.3 s');
    assert.equal(formatMs(Number.NaN), '—');
  });

  it('formats changes with a sign, and intervals', () => {
    assert.equal(formatChange(0.032), '+3.2%');
    assert.equal(formatChange(-0.07), '-7.0%');
    assert.equal(formatChange(-0.0004), '+0.0%');
    assert.equal(formatChange(12.5), '+1,250%');
    assert.equal(formatChange(null), '—');
    assert.equal(formatInterval([-0.021, 0.045]), '-2.1% … +4.5%');
    assert.equal(formatInterval(null), '—');
  });

  it('formats rates, point changes, bytes and times', () => {
    assert.equal(formatRate(0), '0%');
    assert.equal(formatRate(0.00001), '<0.01%');
    assert.equal(formatRate(0.0123), '1.23%');
    assert.equal(formatPointChange(0.012, 0.002), '+1.00 pp');
    assert.equal(formatPointChange(0.00002, 0), '+<0.01 pp');
    assert.equal(formatPointChange(0.1, null), '—');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(58 * 1024 * 1024), '58.0 MiB');
    assert.equal(formatBytes(null), '—');
    assert.equal(formatTime('2026-05-01T10:00:00.000Z'), '2026-05-01 10:00 UTC');
    assert.equal(formatTime('not a date'), 'not a date');
  });
});

describe('escaping', () => {
  const cases = [
    '<img src=x onerror=alert(1)>',
    '**bold** _it_ `code` ~~s~~',
    '[link](javascript:alert(1))',
    '# heading',
    '- list',
    '1. ordered',
    '    indented code',
    '$x^2$ &amp; &lt;',
    'back\\slash \\* star',
    'line\nbreak\r\n<script>',
  ];

  it('shows user text literally in Markdown', () => {
    for (const s of cases) {
      const out = html(escapeMarkdown(s)).trim();
      assert.match(out, /^<p>[^<]*<\/p>$/, `${JSON.stringify(s)} -> ${out}`);
      const text = out
        .slice(3, -4)
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
      assert.equal(
        text,
        s.replace(/[\r\n]+/g, (m) => ' '.repeat(m.length)).trimStart(),
        JSON.stringify(s),
      );
    }
  });

  it('keeps a mention from pinging', () => {
    assert.equal(escapeMarkdown('@octocat'), '@&#8203;octocat');
  });

  it('builds code spans and blocks that their content cannot close', () => {
    assert.equal(inlineCode('a `b` c'), '``a `b` c``');
    assert.equal(inlineCode('`x`'), '`` `x` ``');
    assert.equal(inlineCode('a|b', { inTable: true }), '`a\\|b`');
    assert.match(html(inlineCode('<b>x</b>')), /<code>&lt;b&gt;x&lt;\/b&gt;<\/code>/);
    const block = codeBlock(['```', '</details>', '````']);
    assert.ok(block.startsWith('`````\n'));
    assert.match(html(block), /<pre><code>```\n&lt;\/details&gt;\n````\n<\/code><\/pre>/);
  });
});
