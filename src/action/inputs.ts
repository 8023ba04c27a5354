/**
 * Every action input, read and validated once, before any work (the model: actions/checkout's
 * src/input-helper.ts). A bad value fails the step at once with a message that names the input
 * (ConfigError, code LG_INPUT), never minutes later after the load test. The config file (input
 * `config`, or ./loadgate.yml) is read and checked here too, with the inline inputs that
 * override it; in `mode: report` the stored JSON report is.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import os from 'node:os';
import { ConfigError, isLoadgateError, errorMessage } from '../errors.js';
import { CONFIG_INPUT_NAMES, configFromInputs, type ActionInputs } from '../config/index.js';
import type { Config, WorkersSpec } from '../config/types.js';
import type { Report } from '../report/types.js';
import { allowedCpus, sweepOptionsFromText } from '../sweep/index.js';
import { readReportFile } from './report-file.js';
import { defaultStartAt, parseShardSpec, parseStartAt } from '../config/index.js';
import { readShardFiles, type ShardFile } from '../pipeline/shard-files.js';

export type ActionMode = 'run' | 'report' | 'sweep' | 'merge';
export type CommentSetting = 'always' | 'on-regression' | 'never';
export type UpdateBaselineSetting = 'auto' | 'true' | 'false';

interface CommonSettings {
  /** Input `github-token`; may be empty (no comment is written then). */
  token: string;
  comment: CommentSetting;
  /** Input `pr-number`: overrides the event's pull request (workflow_run payloads omit forks'). */
  prNumber: number | null;
  /** Input `job-name`; empty = the job id. */
  jobName: string;
  /** Where the JSON report goes (absolute); in `mode: report` unused. */
  reportPath: string;
}

export interface RunSettings extends CommonSettings {
  mode: 'run';
  config: Config;
  updateBaseline: UpdateBaselineSetting;
  /** Input `workers` was given: it overrides the file's (and `compare: base` honours it). */
  workersOverride: WorkersSpec | null;
  /** Input `shard` (I/N, with `start-at`): measure a share only and write a shard report. */
  shard: { index: number; count: number; startAt: number } | null;
}

export interface MergeSettings extends CommonSettings {
  mode: 'merge';
  /** The shard reports that input `reports` names (files or folders), already checked. */
  files: ShardFile[];
  updateBaseline: UpdateBaselineSetting;
}

export interface ReportSettings extends CommonSettings {
  mode: 'report';
  /** The stored JSON report (input `report`), already checked. */
  report: Report;
}

export interface SweepSettings extends CommonSettings {
  mode: 'sweep';
  config: Config;
  sweep: { workers: number[] | null; cpus: number[] | null };
}

export type ActionSettings = RunSettings | ReportSettings | SweepSettings | MergeSettings;

/** `core.getInput`'s shape: the input's value, '' when not given. */
export type GetInput = (name: string) => string;

const inputError = (name: string, message: string) =>
  new ConfigError(`input "${name}": ${message}`, { code: 'LG_INPUT' });

function choice<T extends string>(
  name: string,
  value: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === '') return fallback;
  const chosen = allowed.find((a) => a === value);
  if (chosen !== undefined) return chosen;
  throw inputError(name, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}

function pullRequestNumber(value: string): number | null {
  if (value === '') return null;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw inputError('pr-number', `expected a pull request number, got ${JSON.stringify(value)}`);
  }
  return n;
}

// git check-ref-format's rules, the ones a branch name typed into a workflow can break.
const BAD_BRANCH = /(^[-/.]|\.\.|[\s~^:?*[\\]|@\{|\/\/|\/$|\.lock$|\.$|^@$)/;

function branchName(value: string): string {
  if (value === '') return 'loadgate-baselines';
  if (BAD_BRANCH.test(value)) {
    throw inputError('baseline-branch', `not a valid git branch name: ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Input `github-token`. Outside GitHub (local-action, which fills in action.yml's defaults) the
 * default arrives unexpanded, `${{ github.token }}`: that is no token.
 */
export function githubToken(value: string): string {
  const token = value.trim();
  return /^\$\{\{.*\}\}$/s.test(token) ? '' : token;
}

/** Re-labels a problem found by a shared parser as this input's (code LG_INPUT). */
function asInputError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isLoadgateError(e) && e.code !== 'LG_INPUT') {
      throw new ConfigError(e.message, { code: 'LG_INPUT', details: e.details });
    }
    throw e;
  }
}

/**
 * Reads and checks every input. `env` gives GITHUB_WORKSPACE (relative paths) and RUNNER_TEMP
 * (default report path); `cores` the machine's CPU count (`workers: auto`).
 */
export async function readInputs(
  getInput: GetInput,
  env: Record<string, string | undefined>,
  cores: number = os.availableParallelism(),
): Promise<ActionSettings> {
  const input = (name: string) => getInput(name).trim();
  const workspace = env.GITHUB_WORKSPACE ?? '.';
  const mode = choice<ActionMode>(
    'mode',
    input('mode'),
    ['run', 'report', 'sweep', 'merge'],
    'run',
  );
  const common: CommonSettings = {
    token: githubToken(getInput('github-token')),
    comment: choice<CommentSetting>(
      'comment',
      input('comment'),
      ['always', 'on-regression', 'never'],
      'always',
    ),
    prNumber: pullRequestNumber(input('pr-number')),
    jobName: input('job-name'),
    reportPath: resolve(
      workspace,
      input('report-path') ||
        join(
          env.RUNNER_TEMP ?? '.',
          mode === 'sweep'
            ? 'loadgate-sweep.json'
            : input('shard') !== '' && mode === 'run'
              ? `loadgate-shard-${input('shard').replace(/\D+/g, '-')}.json`
              : 'loadgate-report.json',
        ),
    ),
  };
  const updateBaseline = choice<UpdateBaselineSetting>(
    'update-baseline',
    input('update-baseline'),
    ['auto', 'true', 'false'],
    'auto',
  );
  const baselineBranch = branchName(input('baseline-branch'));
  // Checked in every mode, so that a typo is found on the first run, not the first sweep.
  const sweep = asInputError(() =>
    sweepOptionsFromText(
      { workers: input('sweep-workers'), cpus: input('sweep-cpus'), connections: null },
      'input',
      allowedCpus,
    ),
  );

  const shard = shardInputs(input, mode, Date.now());
  if (input('reports') !== '' && mode !== 'merge') {
    throw inputError('reports', 'applies to mode: merge (the shard reports to merge)');
  }
  if (mode === 'merge') {
    const paths = input('reports')
      .split(/[\n,]/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (paths.length === 0) {
      throw inputError(
        'reports',
        'mode: merge needs the shard reports: files or folders (where actions/download-artifact put them), one a line',
      );
    }
    let files: ShardFile[];
    try {
      files = await readShardFiles(paths, workspace);
    } catch (e) {
      // The file's own problem keeps its code; the message says which input named it.
      if (!isLoadgateError(e)) throw e;
      throw new ConfigError(`input "reports": ${e.message}`, { code: e.code, details: e.details });
    }
    return { ...common, mode, files, updateBaseline };
  }
  if (mode === 'report') {
    const report = await readReportFile(
      resolve(workspace, input('report') || 'loadgate-report.json'),
    );
    return { ...common, mode, report };
  }
  const config = await loadActionConfig(input, env, baselineBranch, cores);
  if (mode === 'sweep') {
    return { ...common, mode, config, sweep: { workers: sweep.workers, cpus: sweep.cpus } };
  }
  return {
    ...common,
    mode,
    config,
    updateBaseline,
    workersOverride: input('workers') ? (config.server?.workers ?? null) : null,
    shard,
  };
}

/** Inputs `shard` (I/N) and `start-at`: mode run only; a bad value names the input. */
function shardInputs(input: GetInput, mode: ActionMode, now: number): RunSettings['shard'] {
  const text = input('shard');
  const startText = input('start-at');
  if (text === '') {
    if (startText !== '') throw inputError('start-at', 'goes with input "shard" (I/N)');
    return null;
  }
  if (mode !== 'run') throw inputError('shard', `applies to mode: run, not ${mode}`);
  const spec = parseShardSpec(text);
  if (!spec.ok) throw new ConfigError(`input "shard": ${spec.message}`, { code: 'LG_SHARD' });
  let startAt = defaultStartAt(now);
  if (startText !== '') {
    const parsed = parseStartAt(startText, now);
    if (!parsed.ok) throw inputError('start-at', parsed.message);
    startAt = parsed.value;
  }
  return { ...spec.value, startAt };
}

/** The Config: a loadgate.yml (input `config`, default ./loadgate.yml) and/or inline inputs. */
async function loadActionConfig(
  input: GetInput,
  env: Record<string, string | undefined>,
  baselineBranch: string,
  cores: number,
): Promise<Config> {
  const workspace = env.GITHUB_WORKSPACE ?? '.';
  const configInput = input('config');
  const inline: Record<string, string> = {};
  for (const name of CONFIG_INPUT_NAMES) if (name !== 'config') inline[name] = input(name);
  const hasInline = inline['command'] !== '' || inline['target'] !== '';
  // Without an explicit file, use ./loadgate.yml when it exists, unless inline inputs describe the API.
  const path = resolve(workspace, configInput || 'loadgate.yml');
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (configInput !== '' || !hasInline) {
      throw new ConfigError(
        `config file not found: ${path} (${errorMessage(e).split(':')[0]}); set the input "config", or give "command" (or "target") inline`,
        { code: 'LG_CONFIG_MISSING' },
      );
    }
  }
  const inputs: ActionInputs = { ...inline, config: configInput, configText: text };
  const config = configFromInputs(inputs, {
    source: text !== undefined ? path : 'action inputs',
    baseDir: text !== undefined ? dirname(path) : workspace,
    env,
    cores,
  });
  return withActionBaselineStore(config, baselineBranch);
}

/**
 * A runner's workspace is thrown away after the job, so a baseline file there would never be
 * seen again: unless loadgate.yml names a store, the action keeps history on a git branch.
 */
export function withActionBaselineStore(config: Config, branch: string): Config {
  const b = config.baseline;
  if (b.store !== 'file' || b.isDefault !== true) return config;
  return {
    ...config,
    baseline: { store: 'branch', branch, remote: 'origin', history: b.history },
  };
}
