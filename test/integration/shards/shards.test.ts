// Three shard processes load one loopback API at the same wall-clock time, then `loadgate merge`
// adds them exactly; a second series (which fails) makes one report with the worst verdict and
// exit code; shards that do not fit together are refused with the reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../support/cli-source.js';
import { startFastServer, type FastServer } from '../../support/servers/fast-server.js';
import { decodeHistogram, mergeHistograms } from '../../../src/load/histogram.js';

const dir = mkdtempSync(join(tmpdir(), 'lg-shards-'));
let server: FastServer;

interface ShardJson {
  kind: string;
  shard: { index: number; count: number };
  failure: { code: string } | null;
  rounds: { startedAt: number; requests: number; errors: number; latency: string }[];
}

before(async () => {
  server = await startFastServer();
  const yml = (name: string, path: string) =>
    [
      `name: ${name}`,
      `target: ${server.url}`,
      'load: { connections: 4, warmup: 300ms, duration: 700ms, rounds: 2 }',
      `requests: [ { path: ${path} } ]`,
      `baseline: { file: ${join(dir, 'baseline.json')} }`,
      '',
    ].join('\n');
  writeFileSync(join(dir, 'api.yml'), yml('api', '/fast'));
  writeFileSync(join(dir, 'broken.yml'), yml('broken', '/status/500'));
  // Every shard process, and the one-shard series, start together a few seconds from now.
  const startAt = String(Date.now() + 9_000);
  const runs = await Promise.all([
    ...[1, 2, 3].map((i) =>
      cli(
        [
          'run',
          '-c',
          'api.yml',
          '--shard',
          `${i}/3`,
          '--start-at',
          startAt,
          '--json',
          `api-${i}.json`,
          '--quiet',
        ],
        dir,
      ),
    ),
    cli(
      [
        'run',
        '-c',
        'broken.yml',
        '--shard',
        '1/1',
        '--start-at',
        startAt,
        '--json',
        'out/broken-1.json',
        '--quiet',
      ],
      dir,
    ),
  ]);
  runs.slice(0, 3).forEach((r, i) => assert.equal(r.code, 0, `shard ${i + 1}: ${r.stderr}`));
  assert.equal(runs[3]?.code, 3, 'every request of the broken series failed');
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const shard = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as ShardJson;

test('each shard sent its share, starting on the shared schedule', () => {
  const shards = [1, 2, 3].map((i) => shard(`api-${i}.json`));
  for (const s of shards) {
    assert.equal(s.kind, 'loadgate-shard');
    assert.equal(s.failure, null);
    assert.equal(s.rounds.length, 2);
  }
  // All three measured round 1 in the same window (they started on the same clock time).
  const starts = shards.map((s) => s.rounds[0]?.startedAt ?? 0);
  assert.ok(Math.max(...starts) - Math.min(...starts) < 350, `round starts ${starts.join(', ')}`);
  const total = shards.reduce((n, s) => n + s.rounds.reduce((m, r) => m + r.requests, 0), 0);
  assert.ok(total > 0 && total <= server.countOf('/fast'));
});

test('merge adds the shards exactly and compares once', async () => {
  const r = await cli(
    [
      'merge',
      'api-1.json',
      'api-2.json',
      'api-3.json',
      '--json',
      'api.json',
      '--update-baseline',
      '--quiet',
    ],
    dir,
  );
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(join(dir, 'api.json'), 'utf8')) as {
    name: string;
    verdict: string;
    totals: { requests: number };
    rounds: unknown[];
    histogram: string;
  };
  const shards = [1, 2, 3].map((i) => shard(`api-${i}.json`));
  const rounds = shards.flatMap((s) => s.rounds);
  assert.equal(report.name, 'api');
  assert.equal(report.verdict, 'no-baseline');
  assert.equal(report.rounds.length, 2);
  assert.equal(
    report.totals.requests,
    rounds.reduce((n, x) => n + x.requests, 0),
  );
  const expected = mergeHistograms(rounds.map((x) => decodeHistogram(x.latency)));
  const merged = decodeHistogram(report.histogram);
  assert.equal(merged.totalCount, expected.totalCount);
  for (const p of [50, 90, 95, 99, 100]) {
    assert.equal(merged.getValueAtPercentile(p), expected.getValueAtPercentile(p), `p${p}`);
  }
  // --update-baseline appended the merged run: the file now names the series.
  assert.match(readFileSync(join(dir, 'baseline.json'), 'utf8'), /"api"/);
});

test('two series make one Markdown comment and one verdict; the exit code is the worst', async () => {
  // A folder is searched for shard reports (as the action's downloaded artifacts are).
  const r = await cli(
    [
      'merge',
      'api-1.json',
      'api-2.json',
      'api-3.json',
      'out',
      '--markdown',
      'all.md',
      '--json',
      'all.json',
      '--quiet',
    ],
    dir,
  );
  assert.equal(r.code, 3, r.stderr);
  const md = readFileSync(join(dir, 'all.md'), 'utf8');
  assert.match(md, /^<!-- loadgate:loadgate-merge -->\n<!-- loadgate-verdict: error -->/);
  assert.match(md, /## 🛑 loadgate: the run failed \(2 series\)/);
  assert.match(md, /\| api \| .* \|\n\| broken \| 🛑 the run failed \|/);
  assert.match(md, /loadgate · api:/);
  assert.match(md, /loadgate · broken: the run failed/);
  assert.equal(md.match(/<!-- loadgate:/g)?.length, 1, 'one comment identity');
  const all = JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8')) as {
    kind: string;
    verdict: string;
    series: { name: string; verdict: string; failure: { message: string } | null }[];
  };
  assert.equal(all.kind, 'loadgate-multi');
  assert.equal(all.verdict, 'error');
  assert.deepEqual(
    all.series.map((s) => s.name),
    ['api', 'broken'],
  );
  assert.notEqual(all.series[0]?.verdict, 'error');
  assert.equal(all.series[1]?.verdict, 'error');
  assert.match(all.series[1]?.failure?.message ?? '', /^shard 1\/1: every request/);
  assert.match(r.stdout, /2 series, overall the run failed/);
});

test('shards that do not fit together are refused, naming the reason', async () => {
  const missing = await cli(['merge', 'api-1.json', 'api-3.json'], dir);
  assert.equal(missing.code, 2);
  assert.match(
    missing.stderr,
    /series "api": shard 2\/3 missing \(got api-1\.json \(shard 1\/3\), api-3\.json \(shard 3\/3\)\)/,
  );
  const twice = await cli(['merge', 'api-1.json', 'api-2.json', 'api-2.json', 'api-3.json'], dir);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /shard 2\/3 is given twice/);
  const late = shard('api-3.json');
  for (const round of late.rounds) round.startedAt += 60_000;
  writeFileSync(join(dir, 'late-3.json'), JSON.stringify(late));
  const apart = await cli(['merge', 'api-1.json', 'api-2.json', 'late-3.json'], dir);
  assert.equal(apart.code, 2);
  assert.match(apart.stderr, /in round 1 the shards ran together for only 0% of the round/);
  const whole = await cli(['merge', 'api.json'], dir);
  assert.equal(whole.code, 2);
  assert.match(
    whole.stderr,
    /api\.json: not a loadgate shard report \(it is the report of a whole run/,
  );
});
