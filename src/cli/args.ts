/**
 * The CLI's flags (a public contract: README "CLI"). Pure: argv in, a typed command out;
 * usage mistakes are ConfigErrors (exit 2).
 */
import type { InitOptions } from '../init/command.js';
import type { CompareMode } from '../config/types.js';
import { parseArgs } from 'node:util';
import { ConfigError, errorMessage } from '../errors.js';
import { closest } from '../config/issues.js';
import { errnoCode } from '../util/guards.js';

/** Where a usage mistake points to, instead of printing the whole usage text. */
export const HELP_POINTER = 'run `loadgate --help` for the options';

export const USAGE = `Usage: loadgate <command> [options]

Commands:
  run      boot the API, run the load scenario, compare with the baseline, report
  merge    merge shard reports (run --shard I/N) into one result per series, compare, report
  sweep    run the scenario at each worker count; chart RPS and p95; recommend a count
  init     write a commented loadgate.yml from an OpenAPI description, a HAR, a Postman
           collection or the project folder (Django, FastAPI, Node); tries each request first
  help     show this help

Options for run:
  -c, --config FILE        config file (default: ./loadgate.yml)
      --json FILE          write the JSON report to FILE
      --markdown FILE      write the Markdown report (PR comment body) to FILE
      --update-baseline    append this run to the baseline history
      --target URL         load an API that is already running (loopback only), no boot
      --path PATH          with --target and no config file: the path to GET (default /)
      --name NAME          baseline series name
      --rounds N           measured rounds
      --duration D         length of each round (e.g. 10s)
      --warmup D           warm-up before the rounds (e.g. 5s)
      --connections N      concurrent connections (closed model)
      --rate R             requests per second (switches to the open model)
      --workers W          self | auto | N
      --baseline-file FILE baseline JSON file
      --commit SHA         commit recorded with the run (default: git HEAD, if any)
      --compare MODE       auto (default: the base on this runner when there is one, else the
                           stored baseline) | stored | base (same-runner A/B only)
      --base REF           the commit to measure against on this runner (default in a git
                           checkout: the merge-base of HEAD with the default branch)
      --shard I/N          be load generator I of N against one target: send 1/N of the load,
                           write a shard report to --json FILE (no verdict; see merge)
      --start-at TIME      with --shard: when every shard starts (ISO time, epoch ms or +30s;
                           default: the next whole 15 seconds)
      --quiet              no progress lines, only the report
  -h, --help               show this help
  -V, --version            print the version

Usage of merge: loadgate merge [options] REPORT|FOLDER...
  Shards of one series are added exactly (histograms, never averaged percentiles), then
  compared with the baseline; several series make one report with one overall verdict.
      --json FILE          write the JSON report to FILE
      --markdown FILE      write the Markdown report (one PR comment for every series) to FILE
      --update-baseline    append the merged runs to the baseline history
      --commit SHA         commit recorded with the runs (default: the shards')
      --quiet              no progress lines, only the report

Options for sweep (also --config, --json, --markdown, --name, --rounds, --duration, --warmup,
--quiet as for run):
      --workers LIST       worker counts, e.g. 1,2,4 or 1-5 (default 1 .. 2 x cores + 1);
                           workers: self commands take the count as {workers} (gunicorn -w {workers})
      --cpus N|LIST        pin the server to N CPUs, or to CPUs like 0,1 or 0-1 (taskset), to
                           emulate a smaller target (--cpus 1: a 1-vCPU container)
      --connections N|LIST one value: connections for every count; a list (1,8,32,64): also
                           sweep connections at the recommended count to find the latency knee

Options for init (docs/init.md):
      --from-openapi FILE|URL  OpenAPI 3.x / Swagger 2 (JSON or YAML): one request per GET it can fill
      --from-har FILE          a HAR export: endpoints of one origin, ids templated, weights by frequency
      --from-postman FILE      a Postman collection v2.1: its requests, variables as vars:
      --target URL             the scenario loads this running API (loopback); init tries requests there
      --server "COMMAND"       the scenario boots this command (listening on $PORT); init boots it once
                               to try the requests. Without --target/--server/--from-*: detect the project
  -o, --output FILE            where to write (default: ./loadgate.yml; a data feed goes next to it)
      --force                  overwrite existing files
      --no-probe               write without sending the requests first
      --name NAME              baseline series name (default: the API's title, or the folder's name)

Exit codes: 0 pass, no baseline yet, or inconclusive (sweep: done); 1 regression; 2 invalid
config or usage; 3 the server failed (setup, readiness, crash; sweep: at any count, the report
still has the others); 4 internal error; 130 interrupted.`;

export interface RunFlags {
  config: string | null;
  json: string | null;
  markdown: string | null;
  updateBaseline: boolean;
  target: string | null;
  path: string | null;
  name: string | null;
  rounds: string | null;
  duration: string | null;
  warmup: string | null;
  connections: string | null;
  rate: string | null;
  workers: string | null;
  baselineFile: string | null;
  commit: string | null;
  compare: CompareMode | null;
  base: string | null;
  /** `--shard I/N`, as typed (parsed by the run command). */
  shard: string | null;
  startAt: string | null;
  quiet: boolean;
}

export interface MergeFlags {
  /** Shard report files, or folders holding them. */
  reports: string[];
  json: string | null;
  markdown: string | null;
  updateBaseline: boolean;
  commit: string | null;
  quiet: boolean;
}

export interface SweepFlags {
  config: string | null;
  json: string | null;
  markdown: string | null;
  name: string | null;
  rounds: string | null;
  duration: string | null;
  warmup: string | null;
  /** A list (1,2,4 or 1-5); parsed by the sweep. */
  workers: string | null;
  cpus: string | null;
  /** One number (an override) or a list (a connections sweep). */
  connections: string | null;
  quiet: boolean;
}

/** `loadgate init`'s options (src/init), plus --quiet. */
export interface InitFlags extends InitOptions {
  quiet: boolean;
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; flags: RunFlags }
  | { kind: 'sweep'; flags: SweepFlags }
  | { kind: 'merge'; flags: MergeFlags }
  | { kind: 'init'; flags: InitFlags };

/** Flags that only one command takes: given to the other, they are usage mistakes. */
const RUN_ONLY = [
  'update-baseline',
  'target',
  'path',
  'rate',
  'baseline-file',
  'commit',
  'compare',
  'base',
  'shard',
  'start-at',
] as const;
/** Everything merge takes; any other flag is a usage mistake. */
const MERGE_FLAGS = new Set<string>([
  'json',
  'markdown',
  'update-baseline',
  'commit',
  'quiet',
  'help',
  'version',
]);
const SWEEP_ONLY = ['cpus'] as const;
const INIT_ONLY = [
  'from-openapi',
  'from-har',
  'from-postman',
  'server',
  'output',
  'force',
  'no-probe',
] as const;
/** Everything init takes; any other flag is a usage mistake. */
const INIT_FLAGS = new Set<string>([...INIT_ONLY, 'target', 'name', 'quiet', 'help', 'version']);

const options = {
  config: { type: 'string', short: 'c' },
  json: { type: 'string' },
  markdown: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  target: { type: 'string' },
  path: { type: 'string' },
  name: { type: 'string' },
  rounds: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  rate: { type: 'string' },
  workers: { type: 'string' },
  cpus: { type: 'string' },
  'baseline-file': { type: 'string' },
  commit: { type: 'string' },
  compare: { type: 'string' },
  base: { type: 'string' },
  shard: { type: 'string' },
  'start-at': { type: 'string' },
  quiet: { type: 'boolean' },
  'from-openapi': { type: 'string' },
  'from-har': { type: 'string' },
  'from-postman': { type: 'string' },
  server: { type: 'string' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  'no-probe': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

export function parseCli(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new ConfigError(`${usageMistake(e)}; ${HELP_POINTER}`, { code: 'LG_USAGE' });
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return { kind: 'help' };
  if (command !== 'run' && command !== 'sweep' && command !== 'init' && command !== 'merge') {
    throw new ConfigError(
      `unknown command "${command}" (expected: run, sweep, init, merge); ${HELP_POINTER}`,
      { code: 'LG_USAGE' },
    );
  }
  if (command === 'merge') return mergeCommand(values as Record<string, unknown>, rest);
  if (rest.length > 0) {
    throw new ConfigError(
      `unexpected argument "${rest[0]}" (options start with --); ${HELP_POINTER}`,
      { code: 'LG_USAGE' },
    );
  }
  const given: Record<string, unknown> = values;
  const notHere: readonly string[] =
    command === 'init'
      ? Object.keys(options).filter((k) => !INIT_FLAGS.has(k))
      : [...(command === 'run' ? SWEEP_ONLY : RUN_ONLY), ...INIT_ONLY];
  const wrong = notHere.find((k) => given[k] !== undefined);
  if (wrong !== undefined) {
    throw new ConfigError(`--${wrong} is not an option of "${command}"; ${HELP_POINTER}`, {
      code: 'LG_USAGE',
    });
  }
  const s = (v: string | undefined): string | null => v ?? null;
  if (command === 'init') {
    return {
      kind: 'init',
      flags: {
        fromOpenapi: s(values['from-openapi']),
        fromHar: s(values['from-har']),
        fromPostman: s(values['from-postman']),
        target: s(values.target),
        server: s(values.server),
        output: s(values.output),
        name: s(values.name),
        force: values.force === true,
        probe: values['no-probe'] !== true,
        quiet: values.quiet === true,
      },
    };
  }
  if (command === 'sweep') {
    return {
      kind: 'sweep',
      flags: {
        config: s(values.config),
        json: s(values.json),
        markdown: s(values.markdown),
        name: s(values.name),
        rounds: s(values.rounds),
        duration: s(values.duration),
        warmup: s(values.warmup),
        workers: s(values.workers),
        cpus: s(values.cpus),
        connections: s(values.connections),
        quiet: values.quiet === true,
      },
    };
  }
  return {
    kind: 'run',
    flags: {
      config: s(values.config),
      json: s(values.json),
      markdown: s(values.markdown),
      updateBaseline: values['update-baseline'] === true,
      target: s(values.target),
      path: s(values.path),
      name: s(values.name),
      rounds: s(values.rounds),
      duration: s(values.duration),
      warmup: s(values.warmup),
      connections: s(values.connections),
      rate: s(values.rate),
      workers: s(values.workers),
      baselineFile: s(values['baseline-file']),
      commit: s(values.commit),
      compare: compareMode(values.compare),
      base: s(values.base),
      shard: s(values.shard),
      startAt: s(values['start-at']),
      quiet: values.quiet === true,
    },
  };
}

function mergeCommand(given: Record<string, unknown>, reports: string[]): CliCommand {
  const wrong = Object.keys(given).find((k) => given[k] !== undefined && !MERGE_FLAGS.has(k));
  if (wrong !== undefined) {
    throw new ConfigError(`--${wrong} is not an option of "merge"; ${HELP_POINTER}`, {
      code: 'LG_USAGE',
    });
  }
  if (reports.length === 0) {
    throw new ConfigError(
      `merge needs the shard reports to merge (files, or folders holding them); ${HELP_POINTER}`,
      { code: 'LG_USAGE' },
    );
  }
  const str = (k: string): string | null => (typeof given[k] === 'string' ? given[k] : null);
  return {
    kind: 'merge',
    flags: {
      reports,
      json: str('json'),
      markdown: str('markdown'),
      updateBaseline: given['update-baseline'] === true,
      commit: str('commit'),
      quiet: given['quiet'] === true,
    },
  };
}

const LONG_FLAGS = Object.keys(options);

/**
 * One line for what node:util's parseArgs refused: `unknown flag --bogus`, with a guess among
 * the real flags (`--confg` -> `--config`), or `--json needs a value`.
 */
export function usageMistake(e: unknown): string {
  const code = errnoCode(e);
  const message = errorMessage(e);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown?.[1]) {
    const flag = unknown[1];
    const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
    const guess = flag.startsWith('--') ? closest(name, LONG_FLAGS) : null;
    return `unknown flag ${flag}${guess ? ` (did you mean --${guess}?)` : ''}`;
  }
  const missing = /Option '([^' ]+)(?: <value>)?' argument missing/.exec(message);
  if (missing?.[1]) return `${missing[1]} needs a value`;
  const noArg = /Option '([^']+)' does not take an argument/.exec(message);
  if (noArg?.[1]) return `${noArg[1]} takes no value`;
  return (message.split(/\.\s/)[0] ?? message).trim();
}

function compareMode(value: string | undefined): CompareMode | null {
  if (value === undefined) return null;
  if (value === 'auto' || value === 'stored' || value === 'base') return value;
  throw new ConfigError(`--compare: expected auto, stored or base, got "${value}"`, {
    code: 'LG_USAGE',
  });
}
