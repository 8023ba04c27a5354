/**
 * The action beyond one runner: input `shard` (a matrix job measures its share and writes a
 * shard report for a final job to download) and `mode: merge` (that final job: merge every
 * shard report, compare, write one comment for every series). src/main.ts calls these.
 */
import type * as Core from '@actions/core';
import { ExitCode } from '../errors.js';
import { runShard } from '../pipeline/shard.js';
import { mergeShardFiles } from '../pipeline/merge.js';
import {
  commentMarker,
  MULTI_MARKER_NAME,
  renderJson,
  renderMarkdown,
  renderMultiJson,
  renderMultiMarkdown,
  overallVerdict,
} from '../report/index.js';
import type { Report } from '../report/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { EventFacts } from './event.js';
import type { MergeSettings, RunSettings } from './inputs.js';
import { actionLogger } from './logger.js';
import { failureMessage, outputsFor } from './outputs.js';
import { publishToPullRequest } from './publish.js';
import { announceVerdict } from './verdict.js';

export interface ModeDeps {
  core: typeof Core;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  facts: EventFacts;
  stateFile: string | undefined;
  writeSummary: (markdown: string) => Promise<void>;
}

/** Input `shard`: measure this job's share; the shard report goes to `report-path`. */
export async function shardMode(
  settings: RunSettings & { shard: NonNullable<RunSettings['shard']> },
  deps: ModeDeps,
): Promise<void> {
  const { core, env, signal } = deps;
  const { report, exitCode } = await runShard(
    settings.config,
    { ...settings.shard, commit: deps.facts.commit },
    {
      log: actionLogger(core),
      env,
      signal,
      ...(deps.stateFile ? { stateFile: deps.stateFile } : {}),
    },
  );
  await writeFileAtomic(settings.reportPath, `${JSON.stringify(report, null, 2)}\n`);
  core.info(
    `shard report: ${settings.reportPath} (upload it as an artifact; a final job merges with mode: merge)`,
  );
  core.setOutput('report-path', settings.reportPath);
  if (exitCode !== ExitCode.pass) {
    core.setFailed(
      `loadgate: shard ${settings.shard.index}/${settings.shard.count} failed: ${report.failure?.message ?? `exit code ${exitCode}`}`,
    );
  }
}

/** `mode: merge`: every series merged and compared; one comment, one verdict (the worst). */
export async function mergeMode(settings: MergeSettings, deps: ModeDeps): Promise<void> {
  const { core, env, signal, facts } = deps;
  const log = actionLogger(core);
  const update = settings.updateBaseline;
  const { series, exitCode } = await mergeShardFiles(
    settings.files,
    {
      updateBaseline: update === 'true' || (update === 'auto' && facts.isDefaultBranchPush),
      commit: facts.commit,
    },
    { log, env, signal },
  );
  const reports = series.map((s) => s.report);
  const one = reports.length === 1 ? reports[0] : undefined;
  // The series with the worst verdict stands for all in the outputs and the step's failure.
  const verdict = overallVerdict(reports);
  const lead = reports.find((r) => r.verdict === verdict) ?? (reports[0] as Report);
  await core.group('loadgate: publish', async () => {
    await writeFileAtomic(settings.reportPath, one ? renderJson(one) : renderMultiJson(reports));
    core.info(`JSON report: ${settings.reportPath}`);
    const marker = commentMarker(
      one ? one.name : MULTI_MARKER_NAME,
      settings.jobName || env.GITHUB_JOB,
    );
    const render = (previousVerdict: Report['verdict'] | null) =>
      one
        ? renderMarkdown(one, { marker, runUrl: facts.runUrl, previousVerdict })
        : renderMultiMarkdown(reports, { marker, runUrl: facts.runUrl });
    const markdown = render(null);
    await deps.writeSummary(markdown);
    const commentUrl = await publishToPullRequest({
      token: settings.token,
      apiUrl: env.GITHUB_API_URL ?? null,
      prNumber: settings.prNumber,
      env,
      facts,
      report: { ...lead, verdict },
      markdown,
      marker,
      mode: settings.comment,
      log,
      render,
    });
    for (const [name, value] of Object.entries(
      outputsFor({ ...lead, verdict }, settings.reportPath, commentUrl),
    )) {
      core.setOutput(name, value);
    }
  });
  for (const r of reports) announceVerdict(core, r, undefined);
  if (exitCode !== ExitCode.pass) {
    const failing = series.filter((s) => s.exitCode !== ExitCode.pass);
    core.setFailed(failing.map((s) => failureMessage(s.report, s.exitCode)).join('\n'));
  }
}
