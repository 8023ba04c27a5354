/**
 * The CLI's side of "beyond one runner": `run --shard I/N` writes a shard report, `merge`
 * reads shard reports and prints and writes what `run` would (one series) or one report for
 * every series (several), with the worst exit code.
 */
import { ConfigError } from '../errors.js';
import type { Config } from '../config/types.js';
import { defaultStartAt, parseShardSpec, parseStartAt } from '../config/index.js';
import type { Logger } from '../log.js';
import { runShard } from '../pipeline/shard.js';
import { readShardFiles } from '../pipeline/shard-files.js';
import { mergeShardFiles } from '../pipeline/merge.js';
import {
  renderJson,
  renderMarkdown,
  renderMultiJson,
  renderMultiMarkdown,
  renderMultiText,
  renderText,
} from '../report/index.js';
import type { MergeFlags, RunFlags } from './args.js';
import { exitCodeAfterOutputs, writeOutputs } from './outputs.js';

interface Io {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  signal: AbortSignal;
}

/** `--shard` and `--start-at` checked together: usage mistakes name the flag. */
export function shardFlags(
  flags: Pick<
    RunFlags,
    'shard' | 'startAt' | 'markdown' | 'json' | 'updateBaseline' | 'base' | 'compare'
  >,
  now: number,
): { index: number; count: number; startAt: number } | null {
  if (flags.shard === null) {
    if (flags.startAt !== null) {
      throw new ConfigError('--start-at goes with --shard I/N', { code: 'LG_USAGE' });
    }
    return null;
  }
  const spec = parseShardSpec(flags.shard);
  if (!spec.ok) throw new ConfigError(`--shard: ${spec.message}`, { code: 'LG_SHARD' });
  const clash = (
    [
      ['--markdown', flags.markdown !== null],
      ['--update-baseline', flags.updateBaseline],
      ['--base', flags.base !== null],
      ['--compare', flags.compare !== null],
    ] as const
  ).find(([, given]) => given);
  if (clash) {
    throw new ConfigError(
      `${clash[0]} does not apply to --shard: a shard only measures; loadgate merge compares and reports`,
      { code: 'LG_USAGE' },
    );
  }
  if (flags.json === null) {
    throw new ConfigError('--shard needs --json FILE: where the shard report goes', {
      code: 'LG_USAGE',
    });
  }
  let startAt = defaultStartAt(now);
  if (flags.startAt !== null) {
    const parsed = parseStartAt(flags.startAt, now);
    if (!parsed.ok) throw new ConfigError(`--start-at: ${parsed.message}`, { code: 'LG_USAGE' });
    startAt = parsed.value;
  }
  return { ...spec.value, startAt };
}

export async function shardCommand(
  config: Config,
  shard: { index: number; count: number; startAt: number },
  json: string,
  commit: string | null,
  log: Logger,
  io: Io,
): Promise<number> {
  const { report, exitCode } = await runShard(
    config,
    { ...shard, commit },
    { log, env: io.env, signal: io.signal },
  );
  const problems = await writeOutputs(
    [{ flag: '--json', path: json, content: () => `${JSON.stringify(report, null, 2)}\n` }],
    io.cwd,
  );
  const requests = report.rounds.reduce((n, r) => n + r.requests, 0);
  const errors = report.rounds.reduce((n, r) => n + r.errors, 0);
  io.stdout.write(
    `loadgate · ${config.name} · shard ${shard.index}/${shard.count}: ` +
      (report.failure
        ? `failed: ${report.failure.message}`
        : `${report.rounds.length} rounds, ${requests} requests, ${errors} errors`) +
      `\nshard report: ${json} (merge every shard's with: loadgate merge FILES...)\n`,
  );
  for (const p of problems) io.stderr.write(`loadgate: ${p}\n`);
  return exitCodeAfterOutputs(exitCode, problems);
}

export async function mergeCommand(flags: MergeFlags, log: Logger, io: Io): Promise<number> {
  const files = await readShardFiles(flags.reports, io.cwd);
  const { series, exitCode } = await mergeShardFiles(
    files,
    { updateBaseline: flags.updateBaseline, commit: flags.commit },
    { log, env: io.env, signal: io.signal },
  );
  const reports = series.map((s) => s.report);
  const one = reports.length === 1 ? reports[0] : undefined;
  const problems = await writeOutputs(
    [
      ...(flags.json
        ? [
            {
              flag: '--json',
              path: flags.json,
              content: () => (one ? renderJson(one) : renderMultiJson(reports)),
            },
          ]
        : []),
      ...(flags.markdown
        ? [
            {
              flag: '--markdown',
              path: flags.markdown,
              content: () => (one ? renderMarkdown(one, {}) : renderMultiMarkdown(reports)),
            },
          ]
        : []),
    ],
    io.cwd,
  );
  const color = io.stdout.isTTY === true;
  io.stdout.write(`${one ? renderText(one, { color }) : renderMultiText(reports, { color })}\n`);
  for (const p of problems) io.stderr.write(`loadgate: ${p}\n`);
  return exitCodeAfterOutputs(exitCode, problems);
}
