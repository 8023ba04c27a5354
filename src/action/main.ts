/**
 * The action front door: inputs -> run() (or a stored JSON report in `mode: report`) ->
 * JSON report file, outputs, job summary, sticky PR comment -> setFailed last, after
 * everything is written.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type * as Core from '@actions/core';
import { ExitCode, isLoadgateError, ConfigError } from '../errors.js';
import type { Report } from '../report/types.js';
import { renderJson, renderMarkdown, commentMarker } from '../report/index.js';
import { run } from '../pipeline/run.js';
import { defaultStateFile } from '../supervisor/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { actionLogger } from './logger.js';
import { eventFacts } from './event.js';
import { loadActionConfig } from './config.js';
import { readReportFile } from './report-file.js';
import { publishToPullRequest } from './publish.js';
import { count, labelled } from '../util/plural.js';
import { appendJobSummary, setOutputs } from '../github/index.js';
import {
  allowedCpus,
  renderSweepJson,
  renderSweepMarkdown,
  sweep,
  sweepOptionsFromText,
} from '../sweep/index.js';

export interface ActionDeps {
  core: typeof Core;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
}

type Mode = 'run' | 'report' | 'sweep';

function choice<T extends string>(
  name: string,
  value: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(
    `input "${name}": expected one of ${allowed.join(', ')}, got "${value}"`,
    'LG_INPUT',
  );
}

export async function main({ core, env, signal }: ActionDeps): Promise<void> {
  const log = actionLogger(core);
  const input = (name: string) => core.getInput(name).trim();
  // The runner masks registered secrets in every later log line.
  if (input('github-token') !== '') core.setSecret(input('github-token'));
  try {
    const mode = choice<Mode>('mode', input('mode'), ['run', 'report', 'sweep'], 'run');
    if (mode === 'sweep') {
      await sweepMode(input, { core, env, signal });
      return;
    }
    const comment = choice(
      'comment',
      input('comment'),
      ['always', 'on-regression', 'never'],
      'always',
    );
    const payload = env.GITHUB_EVENT_PATH
      ? (JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>)
      : {};
    const facts = eventFacts(env, payload);

    let report: Report;
    let exitCode: ExitCode;
    if (mode === 'report') {
      report = await readReportFile(
        resolve(env.GITHUB_WORKSPACE ?? '.', input('report') || 'loadgate-report.json'),
      );
      exitCode = report.verdict === 'regression' ? ExitCode.regression : ExitCode.pass;
    } else {
      const config = await loadActionConfig(input, env);
      const update = choice(
        'update-baseline',
        input('update-baseline'),
        ['auto', 'true', 'false'],
        'auto',
      );
      const updateBaseline = update === 'true' || (update === 'auto' && facts.isDefaultBranchPush);
      const outcome = await run(
        config,
        {
          updateBaseline,
          commit: facts.commit,
          baseRef: facts.baseSha,
          baseRefOrigin: facts.baseSha ? "the pull request's base" : null,
          workersOverride: input('workers') ? (config.server?.workers ?? null) : null,
        },
        { log, env, signal, stateFile: defaultStateFile(env) },
      );
      report = outcome.report;
      exitCode = outcome.exitCode;
    }

    const reportPath = resolve(
      env.GITHUB_WORKSPACE ?? '.',
      input('report-path') || join(env.RUNNER_TEMP ?? '.', 'loadgate-report.json'),
    );
    if (mode === 'run') await writeFileAtomic(reportPath, renderJson(report));

    const marker = commentMarker(report.name, input('job-name') || env.GITHUB_JOB);
    const markdown = renderMarkdown(report, { marker, runUrl: facts.runUrl });
    await appendJobSummary(markdown, env.GITHUB_STEP_SUMMARY).catch((e: Error) =>
      log.warn(`could not write the job summary ${env.GITHUB_STEP_SUMMARY}: ${e.message}`),
    );
    const commentUrl = await publishToPullRequest({
      token: input('github-token'),
      apiUrl: env.GITHUB_API_URL ?? null,
      prNumber: input('pr-number'),
      env,
      facts,
      report,
      markdown,
      marker,
      mode: comment,
      log,
    });
    await setOutputs(
      outputsFor(report, mode === 'run' ? reportPath : '', commentUrl),
      env.GITHUB_OUTPUT,
    );

    if (exitCode !== ExitCode.pass) core.setFailed(failureMessage(report, exitCode));
  } catch (e) {
    if (isLoadgateError(e)) {
      core.setFailed([e.message, ...e.details].join('\n'));
    } else {
      core.setFailed(`loadgate: internal error: ${(e as Error).stack ?? String(e)}`);
    }
  }
}

/**
 * `mode: sweep`: the scenario at each worker count (input `sweep-workers`, server pinned with
 * `sweep-cpus`); JSON report, job summary with the charts, outputs. No PR comment: a sweep
 * answers a planning question, it does not gate a change.
 */
async function sweepMode(input: (name: string) => string, deps: ActionDeps): Promise<void> {
  const { core, env, signal } = deps;
  const log = actionLogger(core);
  const config = await loadActionConfig(input, env);
  const options = sweepOptionsFromText(
    { workers: input('sweep-workers'), cpus: input('sweep-cpus'), connections: null },
    'input',
    allowedCpus,
  );
  const { report, exitCode } = await sweep(config, options, {
    log,
    env,
    signal,
    stateFile: defaultStateFile(env),
  });
  const reportPath = resolve(
    env.GITHUB_WORKSPACE ?? '.',
    input('report-path') || join(env.RUNNER_TEMP ?? '.', 'loadgate-sweep.json'),
  );
  await writeFileAtomic(reportPath, renderSweepJson(report));
  await appendJobSummary(renderSweepMarkdown(report), env.GITHUB_STEP_SUMMARY).catch((e: Error) =>
    log.warn(`could not write the job summary ${env.GITHUB_STEP_SUMMARY}: ${e.message}`),
  );
  await setOutputs(
    {
      'report-path': reportPath,
      'recommended-workers': String(report.recommendation.workers ?? ''),
    },
    env.GITHUB_OUTPUT,
  );
  if (exitCode !== ExitCode.pass) {
    const failed = report.points.filter((p) => p.failure !== null || p.crashes > 0);
    core.setFailed(
      `loadgate sweep: the server failed at ${failed.map((p) => p.workers).join(', ')} worker(s): ` +
        failed.map((p) => p.failure ?? `${p.crashes} crash(es)`).join('; '),
    );
  }
}

function failureMessage(report: Report, code: ExitCode): string {
  if (report.failure) {
    return [`loadgate: ${report.summary}`, ...report.failure.details].join('\n');
  }
  if (code === ExitCode.server) {
    return `loadgate: a worker crashed during the run (fail-on-crash): ${count(report.server?.crashes.length ?? 0, 'crash', 'crashes')}`;
  }
  return `loadgate: ${labelled(report.verdict, report.summary)}`;
}

/** The action's outputs (a public contract: action.yml, README). Empty string = not available. */
export function outputsFor(
  report: Report,
  reportPath: string,
  commentUrl: string | null,
): Record<string, string> {
  // A failed run measured nothing worth comparing: its figures are not available.
  const num = (v: number | null) =>
    v === null || !Number.isFinite(v) || report.failure !== null ? '' : String(v);
  return {
    verdict: report.verdict,
    rps: num(report.metrics.rps.current),
    'p95-ms': num(report.metrics.p95.current),
    'error-rate': num(report.metrics.errorRate.current),
    'rps-change': num(report.metrics.rps.change),
    'p95-change': num(report.metrics.p95.change),
    'report-path': reportPath,
    'comment-url': commentUrl ?? '',
  };
}
