// Inputs shard, start-at and reports (mode: merge): checked before any work, naming the input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputs } from '../../../src/action/inputs.js';
import { ConfigError } from '../../../src/errors.js';

let workspace: string;
const read = (inputs: Record<string, string>) =>
  readInputs(
    (name) => inputs[name] ?? '',
    { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: join(workspace, 'tmp') },
    2,
  );

async function failure(inputs: Record<string, string>): Promise<ConfigError> {
  try {
    await read(inputs);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e;
  }
  assert.fail('expected a ConfigError');
}

const shardReport = {
  kind: 'loadgate-shard',
  schema: 1,
  name: 'items',
  shard: { index: 1, count: 2 },
  startAt: '2026-05-01T10:00:00.000Z',
  scenarioHash: 'sha256:x',
  exitCode: 0,
  config: { name: 'items', load: {}, gate: {}, baseline: {} },
  rounds: [],
};

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'lg-shard-inputs-'));
  await writeFile(
    join(workspace, 'loadgate.yml'),
    'name: items\ntarget: http://127.0.0.1:8080\nrequests: [ { path: / } ]\n',
  );
  await mkdir(join(workspace, 'artifacts', 'shard-1'), { recursive: true });
  await writeFile(
    join(workspace, 'artifacts', 'shard-1', 'loadgate-shard-1-2.json'),
    JSON.stringify(shardReport),
  );
  await writeFile(join(workspace, 'artifacts', 'other.json'), '{"not":"a shard"}');
  await writeFile(
    join(workspace, 'bad.json'),
    JSON.stringify({ ...shardReport, shard: { index: 3, count: 2 } }),
  );
});
after(() => rm(workspace, { recursive: true, force: true }));

test('shard and start-at: parsed for mode run; the shard report path names the shard', async () => {
  const s = await read({ shard: '2/3', 'start-at': '2026-05-01T10:00:00Z' });
  assert.equal(s.mode, 'run');
  assert.ok(s.mode === 'run');
  assert.deepEqual(s.shard, { index: 2, count: 3, startAt: Date.parse('2026-05-01T10:00:00Z') });
  assert.equal(s.reportPath, join(workspace, 'tmp', 'loadgate-shard-2-3.json'));
  const plain = await read({});
  assert.ok(plain.mode === 'run' && plain.shard === null);
});

test('bad shard inputs name the input', async () => {
  assert.match(
    (await failure({ shard: '3/2' })).message,
    /^input "shard": expected I\/N like 2\/3/,
  );
  assert.match(
    (await failure({ shard: '1/2', 'start-at': 'soon' })).message,
    /^input "start-at": expected an ISO time/,
  );
  assert.match(
    (await failure({ 'start-at': '+30s' })).message,
    /^input "start-at": goes with input "shard"/,
  );
  assert.match(
    (await failure({ mode: 'sweep', shard: '1/2' })).message,
    /^input "shard": applies to mode: run, not sweep/,
  );
  assert.match(
    (await failure({ reports: 'a.json' })).message,
    /^input "reports": applies to mode: merge/,
  );
});

test('mode merge: folders are searched for shard reports; named files must be ones', async () => {
  const s = await read({ mode: 'merge', reports: 'artifacts' });
  assert.ok(s.mode === 'merge');
  assert.deepEqual(
    s.files.map((f) => f.report.shard),
    [{ index: 1, count: 2 }],
  );
  const none = await failure({ mode: 'merge' });
  assert.match(none.message, /^input "reports": mode: merge needs the shard reports/);
  const bad = await failure({ mode: 'merge', reports: 'bad.json' });
  assert.equal(bad.code, 'LG_SHARD_REPORT');
  assert.match(
    bad.message,
    /^input "reports": .*bad\.json: not a loadgate shard report \(shard: expected/,
  );
  const missing = await failure({ mode: 'merge', reports: 'nowhere.json' });
  assert.match(missing.message, /cannot read the shard report .*nowhere\.json: no such file/);
});
