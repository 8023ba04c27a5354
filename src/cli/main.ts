/**
 * The CLI front door: parse argv, build the Config, call run(), print, return the exit code.
 * Thin on purpose: everything it does is also what the action does, through run().
 */
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { resolve, dirname, relative } from 'node:path';
import os from 'node:os';
import { ConfigError, errorMessage, errorStack, ExitCode, isLoadgateError } from '../errors.js';
import { parseCli, USAGE, type InitFlags, type RunFlags, type SweepFlags } from './args.js';
import { runInit } from '../init/index.js';
import {
  renderSweepJson,
  renderSweepMarkdown,
  renderSweepText,
  sweep,
  sweepOptionsFromText,
  allowedCpus,
} from '../sweep/index.js';
import { consoleLogger } from './logger.js';
import { applyCliOverrides, configFromTargetFlags, parseConfigText } from '../config/index.js';
import type { CliOverrides, Config } from '../config/index.js';
import { run } from '../pipeline/run.js';
import { renderJson, renderMarkdown, renderText } from '../report/index.js';
import { exitCodeAfterOutputs, writeOutputs } from './outputs.js';
import { LOADGATE_VERSION } from '../pipeline/versions.js';
import { defaultBase, type DefaultBase } from '../pipeline/ab/default-base.js';
import { gitRunner } from '../baseline/git.js';
import { mergeCommand, shardCommand, shardFlags } from './shard-commands.js';
import { errnoCode } from '../util/guards.js';

export interface CliDeps {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  signal: AbortSignal;
}

export async function main(deps: CliDeps): Promise<number> {
  const write = (s: string) => deps.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
  try {
    const command = parseCli(deps.argv);
    if (command.kind === 'help') {
      deps.stdout.write(`${USAGE}\n`);
      return ExitCode.pass;
    }
    if (command.kind === 'version') {
      deps.stdout.write(`loadgate ${LOADGATE_VERSION}\n`);
      return ExitCode.pass;
    }
    if (command.kind === 'sweep') return await sweepCommand(command.flags, deps);
    if (command.kind === 'init') return await initCommand(command.flags, deps);
    if (command.kind === 'merge') {
      const log = consoleLogger({
        stream: deps.stderr,
        quiet: command.flags.quiet,
        debug: Boolean(deps.env.LOADGATE_DEBUG),
      });
      return await mergeCommand(command.flags, log, deps);
    }
    return await runCommand(command.flags, deps);
  } catch (e) {
    if (isLoadgateError(e)) {
      write(`loadgate: ${e.message}`);
      for (const line of e.details) write(`  ${line}`);
      return e.exitCode;
    }
    write(`loadgate: internal error: ${errorStack(e)}`);
    return ExitCode.internal;
  }
}

async function runCommand(flags: RunFlags, deps: CliDeps): Promise<number> {
  const log = consoleLogger({
    stream: deps.stderr,
    quiet: flags.quiet,
    debug: Boolean(deps.env.LOADGATE_DEBUG),
  });
  const shard = shardFlags(flags, Date.now());
  const loaded = await loadConfig(flags, deps);
  if (shard && flags.json) {
    log.info(
      `loadgate ${LOADGATE_VERSION}: ${loaded.name}${loaded.source ? ` (${loaded.source})` : ''}`,
    );
    const commit = flags.commit ?? gitHead(loaded.baseDir);
    return shardCommand(loaded, shard, flags.json, commit, log, deps);
  }
  const config = flags.compare ? { ...loaded, compare: flags.compare } : loaded;
  if (flags.base !== null && config.compare === 'stored') {
    throw new ConfigError(
      '--base needs compare: auto or base (compare: stored never measures a base commit)',
      { code: 'LG_USAGE' },
    );
  }
  log.info(
    `loadgate ${LOADGATE_VERSION}: ${config.name}${config.source ? ` (${config.source})` : ''}`,
  );
  const base = await baseFor(config, flags, deps.env);
  const outcome = await run(
    config,
    {
      updateBaseline: flags.updateBaseline,
      commit: flags.commit ?? gitHead(config.baseDir),
      baseRef: base.ref,
      baseRefOrigin: base.reason,
      workersOverride: flags.workers ? (config.server?.workers ?? null) : null,
    },
    { log, env: deps.env, signal: deps.signal },
  );
  const { report } = outcome;
  const problems = await writeOutputs(
    [
      ...(flags.json
        ? [{ flag: '--json', path: flags.json, content: () => renderJson(report) }]
        : []),
      ...(flags.markdown
        ? [{ flag: '--markdown', path: flags.markdown, content: () => renderMarkdown(report, {}) }]
        : []),
    ],
    deps.cwd,
  );
  deps.stdout.write(`${renderText(report, { color: deps.stdout.isTTY === true })}\n`);
  for (const p of problems) deps.stderr.write(`loadgate: ${p}\n`);
  return exitCodeAfterOutputs(outcome.exitCode, problems);
}

async function initCommand(flags: InitFlags, deps: CliDeps): Promise<number> {
  const log = consoleLogger({
    stream: deps.stderr,
    quiet: flags.quiet,
    debug: Boolean(deps.env.LOADGATE_DEBUG),
  });
  const outcome = await runInit(flags, {
    cwd: deps.cwd,
    env: deps.env,
    log,
    cores: os.availableParallelism(),
    signal: deps.signal,
  });
  const lines = [
    `wrote ${outcome.output}: ${outcome.active} request(s)` +
      (outcome.disabled > 0 ? `, ${outcome.disabled} commented out` : '') +
      (outcome.skipped > 0 ? `, ${outcome.skipped} source item(s) listed as not generated` : ''),
  ];
  if (outcome.dataFile !== null) lines.push(`wrote ${outcome.dataFile} (ids for templated paths)`);
  if (outcome.detected !== null) lines.push(`detected: ${outcome.detected} project`);
  lines.push(
    outcome.probedAt === null
      ? 'the requests were not tried (no --target or --server, or --no-probe)'
      : `tried each request once at ${outcome.probedAt}: ${outcome.failed} failed (commented out)`,
  );
  lines.push(`next: loadgate run -c ${relative(deps.cwd, outcome.output) || outcome.output}`);
  deps.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.pass;
}

async function sweepCommand(flags: SweepFlags, deps: CliDeps): Promise<number> {
  const log = consoleLogger({
    stream: deps.stderr,
    quiet: flags.quiet,
    debug: Boolean(deps.env.LOADGATE_DEBUG),
  });
  // One --connections value applies to every count; a list is a connections sweep.
  const connections = flags.connections?.trim() ?? '';
  const single = /^\d+$/.test(connections);
  const config = await readConfig(
    { config: flags.config, target: null, path: null },
    {
      name: flags.name,
      rounds: flags.rounds,
      duration: flags.duration,
      warmup: flags.warmup,
      connections: single ? connections : null,
    },
    deps,
  );
  const options = sweepOptionsFromText(
    { workers: flags.workers, cpus: flags.cpus, connections: single ? null : flags.connections },
    'flag',
    allowedCpus,
  );
  log.info(
    `loadgate ${LOADGATE_VERSION} sweep: ${config.name}${config.source ? ` (${config.source})` : ''}`,
  );
  const { report, exitCode } = await sweep(config, options, {
    log,
    env: deps.env,
    signal: deps.signal,
  });
  const problems = await writeOutputs(
    [
      ...(flags.json
        ? [{ flag: '--json', path: flags.json, content: () => renderSweepJson(report) }]
        : []),
      ...(flags.markdown
        ? [{ flag: '--markdown', path: flags.markdown, content: () => renderSweepMarkdown(report) }]
        : []),
    ],
    deps.cwd,
  );
  deps.stdout.write(`${renderSweepText(report)}\n`);
  for (const p of problems) deps.stderr.write(`loadgate: ${p}\n`);
  return exitCodeAfterOutputs(exitCode, problems);
}

async function loadConfig(flags: RunFlags, deps: CliDeps): Promise<Config> {
  return readConfig(
    { config: flags.config, target: flags.target, path: flags.path },
    {
      target: flags.target,
      name: flags.name,
      rounds: flags.rounds,
      duration: flags.duration,
      warmup: flags.warmup,
      connections: flags.connections,
      rate: flags.rate,
      workers: flags.workers,
      baselineFile: flags.baselineFile,
    },
    deps,
  );
}

/** The config file (or, with --target and no file, flags only), with command-line overrides. */
export async function readConfig(
  flags: { config: string | null; target: string | null; path: string | null },
  overrides: CliOverrides,
  deps: Pick<CliDeps, 'cwd' | 'env'>,
): Promise<Config> {
  const ctx = (source: string, baseDir: string) => ({
    source,
    baseDir,
    env: deps.env,
    cores: os.availableParallelism(),
  });
  const explicit = flags.config !== null;
  const path = resolve(deps.cwd, flags.config ?? 'loadgate.yml');
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = errnoCode(e);
    if (explicit || flags.target === null) {
      throw new ConfigError(
        code === 'ENOENT'
          ? `config file not found: ${path} (pass --config FILE, or --target URL to load a running API)`
          : `cannot read config file ${path}: ${errorMessage(e)}`,
        { code: 'LG_CONFIG_MISSING' },
      );
    }
  }
  const base =
    text !== null
      ? parseConfigText(text, ctx(path, dirname(path)))
      : configFromTargetFlags(
          { target: flags.target ?? '', path: flags.path },
          ctx('command line', deps.cwd),
        );
  return applyCliOverrides(base, overrides, ctx('command line', deps.cwd));
}

/**
 * The base commit for compare: auto / base: --base, or the merge-base with the default branch
 * (ab/default-base.ts). Not looked for when the run cannot use one (compare: stored, a
 * baseline update under auto, a target).
 */
async function baseFor(
  config: Config,
  flags: RunFlags,
  env: Record<string, string | undefined>,
): Promise<DefaultBase> {
  if (flags.base !== null) return { ref: flags.base, reason: '--base' };
  const unused =
    config.compare === 'stored' ||
    config.server === null ||
    (config.compare === 'auto' && flags.updateBaseline);
  if (unused) return { ref: null, reason: null };
  const git = gitRunner({ git: 'git', cwd: config.baseDir, env, timeoutMs: 30_000 });
  return defaultBase(git);
}

function gitHead(cwd: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null; // not a git checkout: the run is still valid, just unattributed
  }
}
