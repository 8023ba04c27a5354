/**
 * The action's main step, laid out as GitHub's toolkit template (actions/typescript-action):
 * this file exports `run()`, src/index.ts calls it (the bundle dist/action/index.js), and
 * `npx local-action . src/main.ts .env` runs it from source with its own @actions/core.
 *
 * Order: every input read and checked (readInputs) -> measure (or a stored JSON report in
 * `mode: report`, or a sweep) -> JSON report file, job summary, sticky PR comment, outputs ->
 * the verdict in the step log -> setFailed last, after everything is written. A failed run is
 * still a report (verdict `error`, `report.failure`) and is published the same way.
 */
import { exitCodeFor } from './pipeline/outcome.js';
import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { errorMessage, errorStack, ExitCode, isLoadgateError } from './errors.js';
import type { Report } from './report/types.js';
import { renderJson, renderMarkdown, commentMarker } from './report/index.js';
import { run as runPipeline } from './pipeline/run.js';
import { defaultStateFile } from './supervisor/index.js';
import { writeFileAtomic } from './util/atomic-write.js';
import { appendJobSummary, SUMMARY_MAX_BYTES } from './github/index.js';
import { renderSweepJson, renderSweepMarkdown, sweep } from './sweep/index.js';
import { actionLogger } from './action/logger.js';
import { eventFacts } from './action/event.js';
import {
  githubToken,
  readInputs,
  type ActionSettings,
  type MergeSettings,
  type ReportSettings,
  type RunSettings,
  type SweepSettings,
} from './action/inputs.js';
import { mergeMode, shardMode } from './action/shard-modes.js';
import { publishToPullRequest } from './action/publish.js';
import { failureMessage, outputsFor } from './action/outputs.js';
import { announceVerdict, annotationFile, sweepLine } from './action/verdict.js';
import { isRecord } from './util/guards.js';

/** @actions/core, or a stand-in with the same shape (tests). */
export type ActionCore = typeof core;

export interface ActionDeps {
  core: ActionCore;
  env: Record<string, string | undefined>;
  /** Aborts load and servers (the runner cancels a step with SIGINT, then SIGTERM 7.5 s later). */
  signal: AbortSignal;
}

/**
 * The main step. With no arguments it uses the real @actions/core, process.env and the
 * process's SIGINT/SIGTERM, as the template's `run()` does. Never throws: every failure ends
 * in `core.setFailed`.
 */
export async function run(deps: Partial<ActionDeps> = {}): Promise<void> {
  const interrupt = deps.signal ? null : interruptOnSignals();
  try {
    await main({
      core: deps.core ?? core,
      env: deps.env ?? process.env,
      signal: deps.signal ?? interrupt?.signal ?? new AbortController().signal,
    });
  } finally {
    interrupt?.dispose();
  }
}

function interruptOnSignals(): { signal: AbortSignal; dispose(): void } {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: abort.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

async function main(deps: ActionDeps): Promise<void> {
  const { core, env } = deps;
  const getInput = (name: string) => core.getInput(name);
  // Masked before anything can print it: the runner hides registered secrets in later lines.
  const token = githubToken(getInput('github-token'));
  if (token !== '') core.setSecret(token);
  try {
    const settings = await core.group('loadgate: inputs', async () => {
      const s = await readInputs(getInput, env);
      core.info(describeSettings(s));
      return s;
    });
    if (settings.mode === 'sweep') await sweepMode(settings, deps);
    else if (settings.mode === 'merge' || (settings.mode === 'run' && settings.shard)) {
      await beyondOneRunner(settings, deps);
    } else await gateMode(settings, deps);
  } catch (e) {
    if (isLoadgateError(e)) {
      // A user's mistake: the message names the input, file or key; no stack trace.
      core.setFailed([e.message, ...e.details].join('\n'));
    } else {
      core.setFailed(`loadgate: internal error: ${errorStack(e)}`);
    }
  }
}

/** Input `shard` and `mode: merge` (src/action/shard-modes.ts). */
async function beyondOneRunner(
  settings: RunSettings | MergeSettings,
  deps: ActionDeps,
): Promise<void> {
  const { core, env } = deps;
  const payload = env.GITHUB_EVENT_PATH
    ? (JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>)
    : {};
  const modeDeps = {
    ...deps,
    facts: eventFacts(env, payload),
    stateFile: defaultStateFile(env),
    writeSummary: (markdown: string) => writeSummary(core, markdown, env.GITHUB_STEP_SUMMARY),
  };
  if (settings.mode === 'merge') return mergeMode(settings, modeDeps);
  if (settings.shard) return shardMode({ ...settings, shard: settings.shard }, modeDeps);
}

function describeSettings(s: ActionSettings): string {
  const what =
    s.mode === 'report'
      ? `report of ${s.report.name} (${s.report.verdict})`
      : s.mode === 'merge'
        ? `${s.files.length} shard report(s) of ${new Set(s.files.map((f) => f.report.name)).size} series`
        : `${s.config.name} from ${s.config.source ?? 'action inputs'}${s.mode === 'run' && s.shard ? ` as shard ${s.shard.index}/${s.shard.count}` : ''}`;
  return `mode ${s.mode}: ${what}; comment ${s.comment}; JSON report ${s.mode === 'report' ? '(not written)' : s.reportPath}`;
}

/** `mode: run` (measure and gate) and `mode: report` (post a stored report). */
async function gateMode(settings: RunSettings | ReportSettings, deps: ActionDeps): Promise<void> {
  const { core, env, signal } = deps;
  const log = actionLogger(core);
  const event: unknown = env.GITHUB_EVENT_PATH
    ? JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8'))
    : {};
  const payload = isRecord(event) ? event : {};
  const facts = eventFacts(env, payload);

  let report: Report;
  let exitCode: ExitCode;
  if (settings.mode === 'report') {
    report = settings.report;
    // The pull request's own run already applied its config's fail-on and fail-on-crash; here
    // the stored verdict decides: a regression fails, and so does a run that failed.
    exitCode = exitCodeFor(report, { failOn: 'regression', failOnCrash: false });
  } else {
    const { config, updateBaseline: update } = settings;
    const updateBaseline = update === 'true' || (update === 'auto' && facts.isDefaultBranchPush);
    const outcome = await runPipeline(
      config,
      {
        updateBaseline,
        commit: facts.commit,
        baseRef: facts.baseSha,
        baseRefOrigin: facts.baseSha ? "the pull request's base" : null,
        workersOverride: settings.workersOverride,
      },
      { log, env, signal, stateFile: defaultStateFile(env) },
    );
    report = outcome.report;
    exitCode = outcome.exitCode;
  }

  await core.group('loadgate: publish', async () => {
    const reportPath = settings.mode === 'run' ? settings.reportPath : '';
    if (reportPath !== '') {
      await writeFileAtomic(reportPath, renderJson(report));
      core.info(`JSON report: ${reportPath}`);
    }
    const marker = commentMarker(report.name, settings.jobName || env.GITHUB_JOB);
    const markdown = renderMarkdown(report, { marker, runUrl: facts.runUrl });
    await writeSummary(core, markdown, env.GITHUB_STEP_SUMMARY);
    const commentUrl = await publishToPullRequest({
      token: settings.token,
      apiUrl: env.GITHUB_API_URL ?? null,
      prNumber: settings.prNumber,
      env,
      facts,
      report,
      markdown,
      marker,
      mode: settings.comment,
      log,
    });
    setOutputs(core, outputsFor(report, reportPath, commentUrl));
  });

  const file = settings.mode === 'run' ? settings.config.source : null;
  announceVerdict(core, report, annotationFile(file, env.GITHUB_WORKSPACE));
  if (exitCode !== ExitCode.pass) core.setFailed(failureMessage(report, exitCode));
}

/**
 * `mode: sweep`: the scenario at each worker count (input `sweep-workers`, server pinned with
 * `sweep-cpus`); JSON report, job summary with the charts, outputs. No PR comment: a sweep
 * answers a planning question, it does not gate a change.
 */
async function sweepMode(settings: SweepSettings, deps: ActionDeps): Promise<void> {
  const { core, env, signal } = deps;
  const log = actionLogger(core);
  const { report, exitCode } = await sweep(
    settings.config,
    { ...settings.sweep, connections: null },
    { log, env, signal, stateFile: defaultStateFile(env) },
  );
  await core.group('loadgate: publish', async () => {
    await writeFileAtomic(settings.reportPath, renderSweepJson(report));
    core.info(`JSON report: ${settings.reportPath}`);
    await writeSummary(core, renderSweepMarkdown(report), env.GITHUB_STEP_SUMMARY);
    setOutputs(core, {
      'report-path': settings.reportPath,
      'recommended-workers': String(report.recommendation.workers ?? ''),
    });
  });
  if (exitCode !== ExitCode.pass) {
    const failed = report.points.filter((p) => p.failure !== null || p.crashes > 0);
    core.setFailed(
      `loadgate sweep: the server failed at ${failed.map((p) => p.workers).join(', ')} worker(s): ` +
        failed.map((p) => p.failure ?? `${p.crashes} crash(es)`).join('; '),
    );
  } else {
    core.notice(sweepLine(report), { title: `loadgate sweep: ${report.name}` });
  }
}

function setOutputs(core: ActionCore, outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

/**
 * The job summary through `core.summary`, cut on block boundaries to stay under GitHub's 1 MiB
 * per step (counting what the step already wrote). A summary that cannot be written is a
 * warning: the outputs and the comment still go out.
 */
async function writeSummary(
  core: ActionCore,
  markdown: string,
  summaryFile: string | undefined,
): Promise<void> {
  try {
    const written = await appendJobSummary(
      markdown,
      summaryFile,
      SUMMARY_MAX_BYTES,
      async (text) => {
        await core.summary.addRaw(text).write();
      },
    );
    if (written.truncated) core.warning('the job summary was shortened to fit 1 MiB');
  } catch (e) {
    core.summary.emptyBuffer();
    core.warning(`could not write the job summary ${summaryFile ?? ''}: ${errorMessage(e)}`);
  }
}
