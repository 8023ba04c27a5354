/**
 * Renders a sample PR comment the way GitHub shows it, to check its look by eye:
 * Markdown -> HTML with `marked` (GFM) in a GitHub-like page -> PNG with headless Chromium.
 *
 *   node --import tsx scripts/render-comment.ts [out.png] [regression|no-baseline|huge]
 *
 * Defaults: docs/comment-preview.png, the `regression` sample (the one kept in docs/).
 *
 * Needs /usr/bin/chromium (Debian: apt-get install -y chromium) and, for the verdict icons, an
 * emoji font (apt-get install -y fonts-noto-color-emoji). Mermaid charts are shown as their
 * source: mermaid is not installed and there is no CDN here (GitHub draws them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { commentMarker, renderMarkdown } from '../src/report/index.js';
import { HISTORY, buildReport } from '../test/unit/report/fixtures.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const CSS = `
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.comment { max-width: 912px; margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; }
.comment-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; border-radius: 6px 6px 0 0; }
.comment-header b { color: #1f2328; }
.markdown-body { padding: 16px; }
.markdown-body > :first-child { margin-top: 0; }
h3 { font-size: 1.25em; margin: 0 0 12px; }
h4 { font-size: 1em; margin: 20px 0 8px; }
p, ul, table, pre, details { margin: 0 0 12px; }
ul { padding-left: 2em; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d1d9e0; padding: 4px 10px; }
th { font-weight: 600; background: #f6f8fa; }
tr:nth-child(2n) td { background: #f6f8fa; }
code { font: 85%/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
pre { background: #f6f8fa; padding: 12px 16px; border-radius: 6px; overflow: auto; }
pre code { background: none; padding: 0; font-size: 12px; }
details summary { cursor: pointer; font-weight: 600; margin-bottom: 8px; }
sub { color: #59636e; }
a { color: #0969da; text-decoration: none; }
.mermaid-note { font-size: 12px; color: #9a6700; background: #fff8c5; border: 1px solid #d4a72c66; border-radius: 6px; padding: 4px 8px; margin-bottom: 4px; }
`;

type Sample = 'regression' | 'no-baseline' | 'huge';

/** Samples: a regression with history, endpoints, a crash and a warning; a first run; a report
 * too big for one comment (hundreds of endpoints, cut to fit). */
function sampleMarkdown(sample: Sample): string {
  if (sample === 'no-baseline') {
    return renderMarkdown(buildReport({ verdict: 'no-baseline', server: 'spawn' }), {
      runUrl: 'https://github.com/acme/items-api/actions/runs/9876543210',
    });
  }
  if (sample === 'huge') {
    const names = Array.from(
      { length: 400 },
      (_, i) => `GET /api/v2/catalogue/items/${i}?expand=all`,
    );
    return renderMarkdown(buildReport({ verdict: 'inconclusive', endpoints: names, rounds: 30 }), {
      history: HISTORY,
      maxChars: 12_000,
    });
  }
  const report = buildReport({
    verdict: 'regression',
    endpoints: ['list items', 'item detail', 'search <items> | filtered', 'health'],
    crashes: 1,
    generatorBoundRounds: [2],
    warnings: [
      '1 of 5 rounds were generator-bound (the load generator, not the API, was the limit): round 3',
    ],
  });
  return renderMarkdown(report, {
    marker: commentMarker(report.name, 'bench', { runId: 9876543210, sha: report.commit }),
    runUrl: 'https://github.com/acme/items-api/actions/runs/9876543210',
    history: HISTORY,
    currentLabel: 'PR #42',
  });
}

function page(bodyHtml: string): string {
  // Mark Mermaid blocks as such (GitHub draws them), and open the first <details> to show a table.
  const body = bodyHtml
    .replace(
      /<pre><code class="language-mermaid">/g,
      '<div class="mermaid-note">Mermaid chart: GitHub draws it; shown as source in this preview</div><pre><code class="language-mermaid">',
    )
    .replace('<details>', '<details open>');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>
<div class="comment"><div class="comment-header"><b>github-actions</b> bot commented</div>
<div class="markdown-body">${body}</div></div></body></html>`;
}

function main(): void {
  const out = resolve(ROOT, process.argv[2] ?? 'docs/comment-preview.png');
  const sample = (process.argv[3] ?? 'regression') as Sample;
  if (!['regression', 'no-baseline', 'huge'].includes(sample)) {
    console.error(`render-comment: unknown sample ${sample} (regression, no-baseline, huge)`);
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(
      `render-comment: ${CHROMIUM} not found; install it with: apt-get install -y chromium`,
    );
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'loadgate-comment-'));
  try {
    const htmlFile = join(dir, 'comment.html');
    writeFileSync(htmlFile, page(marked.parse(sampleMarkdown(sample), { async: false })));
    const result = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--screenshot=${out}`,
        '--window-size=1000,1600',
        `file://${htmlFile}`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (result.status !== 0 || !existsSync(out)) {
      console.error(
        `render-comment: chromium failed (status ${result.status}, ${result.error?.message ?? 'no error'})`,
      );
      console.error(result.stderr.split('\n').slice(-20).join('\n'));
      process.exit(1);
    }
    console.log(`render-comment: wrote ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
