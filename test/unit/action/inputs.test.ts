// readInputs(): every input checked before any work, errors naming the input (LG_INPUT).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubToken, readInputs } from '../../../src/action/inputs.js';
import { ConfigError } from '../../../src/errors.js';

let workspace: string;
const env = () => ({ GITHUB_WORKSPACE: workspace, RUNNER_TEMP: join(workspace, 'tmp') });
const read = (inputs: Record<string, string>) => readInputs((name) => inputs[name] ?? '', env(), 2);

async function inputError(inputs: Record<string, string>): Promise<ConfigError> {
  try {
    await read(inputs);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e;
  }
  assert.fail('expected a ConfigError');
}

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'lg-inputs-'));
  await writeFile(
    join(workspace, 'loadgate.yml'),
    'name: items\nserver: { command: node server.js }\nrequests: [ { path: / } ]\n',
  );
  await writeFile(
    join(workspace, 'report.json'),
    JSON.stringify({
      schema: 1,
      name: 'items',
      verdict: 'pass',
      metrics: Object.fromEntries(
        ['rps', 'p50', 'p95', 'p99', 'errorRate'].map((k) => [k, { current: 1 }]),
      ),
      endpoints: [],
      rounds: [],
      warnings: [],
    }),
  );
});
after(() => rm(workspace, { recursive: true, force: true }));

describe('readInputs', () => {
  test('defaults: mode run, ./loadgate.yml, baseline on the loadgate-baselines branch', async () => {
    const s = await read({});
    assert.equal(s.mode, 'run');
    if (s.mode !== 'run') return;
    assert.equal(s.comment, 'always');
    assert.equal(s.updateBaseline, 'auto');
    assert.equal(s.prNumber, null);
    assert.equal(s.reportPath, join(workspace, 'tmp', 'loadgate-report.json'));
    assert.equal(s.config.name, 'items');
    assert.equal(s.config.source, join(workspace, 'loadgate.yml'));
    assert.deepEqual(s.config.baseline, {
      store: 'branch',
      branch: 'loadgate-baselines',
      remote: 'origin',
      history: s.config.baseline.history,
    });
    assert.equal(s.workersOverride, null);
  });

  test('mode sweep: worker counts parsed, its own default report path', async () => {
    const s = await read({ mode: 'sweep', 'sweep-workers': '1-3' });
    assert.equal(s.mode, 'sweep');
    if (s.mode !== 'sweep') return;
    assert.deepEqual(s.sweep.workers, [1, 2, 3]);
    assert.equal(s.reportPath, join(workspace, 'tmp', 'loadgate-sweep.json'));
  });

  test('mode report: the stored report is read and checked; pr-number is a number', async () => {
    const s = await read({ mode: 'report', report: 'report.json', 'pr-number': ' 8 ' });
    assert.equal(s.mode, 'report');
    if (s.mode !== 'report') return;
    assert.equal(s.report.name, 'items');
    assert.equal(s.prNumber, 8);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    [
      'mode',
      { mode: 'measure' },
      /^input "mode": expected one of run, report, sweep, merge, got "measure"$/,
    ],
    [
      'comment',
      { comment: 'yes' },
      /^input "comment": expected one of always, on-regression, never/,
    ],
    [
      'update-baseline',
      { 'update-baseline': 'yes' },
      /^input "update-baseline": expected one of auto, true, false/,
    ],
    [
      'pr-number',
      { 'pr-number': '#7' },
      /^input "pr-number": expected a pull request number, got "#7"$/,
    ],
    ['pr-number 0', { 'pr-number': '0' }, /^input "pr-number"/],
    [
      'baseline-branch',
      { 'baseline-branch': 'perf history' },
      /^input "baseline-branch": not a valid git branch name/,
    ],
    ['sweep-workers', { mode: 'sweep', 'sweep-workers': 'two' }, /input "sweep-workers"/],
    ['sweep-workers outside a sweep', { 'sweep-workers': '0' }, /input "sweep-workers"/],
    ['sweep-cpus', { mode: 'sweep', 'sweep-cpus': 'all' }, /input "sweep-cpus"/],
    ['rounds', { rounds: 'many' }, /input "rounds"/],
    ['connections', { connections: '-1' }, /input "connections"/],
    ['duration', { duration: '5 parsecs' }, /input "duration"/],
    ['url-path', { command: 'node x.js', config: '', 'url-path': 'items' }, /input "url-path"/],
    ['target', { target: 'http://10.1.1.1' }, /input "target"/],
  ];
  for (const [name, inputs, message] of bad) {
    test(`a bad ${name} fails before any work, naming the input (LG_INPUT)`, async () => {
      const e = await inputError(inputs);
      assert.equal(e.code, 'LG_INPUT', e.message);
      assert.match(e.message, message);
      assert.ok(!/\n\s+at /.test(e.message), 'no stack trace');
    });
  }

  test('a pr-number is checked before the config file is even read', async () => {
    const e = await inputError({ config: 'missing.yml', 'pr-number': 'x' });
    assert.equal(e.code, 'LG_INPUT');
  });

  test('a missing config file names the file and the inputs to set', async () => {
    const e = await inputError({ config: 'missing.yml' });
    assert.equal(e.code, 'LG_CONFIG_MISSING');
    assert.match(e.message, /missing\.yml.*set the input "config"/);
  });
});

test('githubToken: the unexpanded default outside GitHub is no token', () => {
  assert.equal(githubToken('${{ github.token }}'), '');
  assert.equal(githubToken(' ghs_abc \n'), 'ghs_abc');
  assert.equal(githubToken(''), '');
});
