/* eslint-disable no-control-regex -- these tests look for terminal escape sequences */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderText } from '../../../src/report/index.js';
import { buildReport } from './fixtures.js';

const ANSI = /\u001b\[[0-9;]*m/;

describe('renderText', () => {
  it('shows the verdict, the summary and every headline figure with its baseline', () => {
    const out = renderText(buildReport({ verdict: 'regression' }));
    const lines = out.split('\n');
    assert.equal(lines[0], 'loadgate · items-api · performance regression');
    assert.match(out, /RPS fell 10\.7%/);
    const rps = lines.find((l) => /^RPS +[\d—]/.test(l));
    assert.match(rps ?? '', /^RPS\s+2,757\s+2,462\s+-10\.7%\s+-13\.7% … -7\.7%\s+regression$/);
    for (const label of ['p95 latency', 'p99 latency', 'p50 latency', 'Error rate']) {
      assert.ok(
        lines.some((l) => l.startsWith(label)),
        label,
      );
    }
    assert.match(out, /123,100 requests in 50\.0 s measured/);
    assert.doesNotMatch(out, ANSI);
  });

  it('covers endpoints, rounds, server, runner, noise, baseline and warnings', () => {
    const out = renderText(
      buildReport({
        crashes: 1,
        generatorBoundRounds: [2],
        warnings: ['1 of 5 rounds were generator-bound'],
      }),
    );
    assert.match(out, /^Endpoints$/m);
    assert.match(out, /^list items\s+12,000\s+1,200\s+4\.10 ms/m);
    assert.match(out, /^Rounds$/m);
    assert.match(out, /^\s+3\s+10\.0 s\s+24,620\s+2,462 .*generator-bound$/m);
    assert.match(out, /^\s+1\s+10\.0 s .*worker crashed$/m);
    assert.match(out, /mode: self \(the command runs its own workers\)/);
    assert.match(out, /workers: 4/);
    assert.match(out, /crashes: 1\n\s+worker 0 \(pid 4101\): killed by SIGKILL; back after 850 ms/);
    assert.match(out, /runner: AMD EPYC 7763 64-Core Processor · 2 cores/);
    assert.match(out, /noise: RPS CV 1\.20%, p95 CV 3\.40%, smallest detectable RPS change ±2\.5%/);
    assert.match(out, /baseline: 5 entries, f00dfac, same runner type/);
    assert.match(out, /warning: 1 of 5 rounds were generator-bound/);
  });

  it('says when there is no baseline, and shows dashes', () => {
    const out = renderText(buildReport({ verdict: 'no-baseline' }));
    assert.match(out, /^loadgate · items-api · no baseline to compare with$/m);
    assert.match(out, /^RPS\s+—\s+2,462\s+—\s+—\s+new$/m);
    assert.match(out, /baseline: none yet/);
  });

  it('fits the width, shortening long endpoint names', () => {
    const name = `GET /api/${'segment/'.repeat(30)}end`;
    const out = renderText(buildReport({ endpoints: [name] }), { width: 80 });
    const row = out.split('\n').find((l) => l.startsWith('GET /api/'));
    assert.ok(row);
    assert.ok(row.length <= 80, `row is ${row.length} wide`);
    assert.match(row, /… +12,000/);
    for (const line of out.split('\n')) assert.ok(Array.from(line).length <= 80, line);
  });

  it('colours the verdict only when asked, and strips control characters from server text', () => {
    const r = buildReport({
      endpoints: ['evil\u001b[2J\u001b]0;title\u0007name'],
      warnings: ['bad\u001b[31m'],
    });
    const plain = renderText(r);
    assert.doesNotMatch(plain, /\u001b/);
    assert.match(plain, /evil \[2J \]0;title name/);
    const coloured = renderText(buildReport({ verdict: 'regression' }), { color: true });
    assert.match(coloured, /\u001b\[31m/);
    assert.match(coloured.split('\n')[0] ?? '', /\u001b\[1m\u001b\[31mloadgate · items-api/);
  });

  it('names the target when loadgate did not start the server', () => {
    assert.match(
      renderText(buildReport({ server: null })),
      /target http:\/\/127\.0\.0\.1:8000 \(not started by loadgate\)/,
    );
  });
});
