/**
 * The CLI's flags (a public contract: README "CLI"). Pure: argv in, a typed command out;
 * usage mistakes are ConfigErrors (exit 2).
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';

export const USAGE = `Usage: loadgate <command> [options]

Commands:
  run      boot the API, run the load scenario, compare with the baseline, report
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
      --quiet              no progress lines, only the report
  -h, --help               show this help
  -V, --version            print the version

Exit codes: 0 pass, no baseline yet, or inconclusive; 1 regression; 2 invalid config or usage;
3 the server failed (setup, readiness, crash); 4 internal error; 130 interrupted.`;

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
  quiet: boolean;
}

export type CliCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; flags: RunFlags };

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
  'baseline-file': { type: 'string' },
  commit: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

export function parseCli(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new ConfigError(`${(e as Error).message}\n\n${USAGE}`, 'LG_USAGE');
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return { kind: 'help' };
  if (command !== 'run') {
    throw new ConfigError(`unknown command "${command}" (expected: run)\n\n${USAGE}`, 'LG_USAGE');
  }
  if (rest.length > 0) {
    throw new ConfigError(`unexpected argument "${rest[0]}" (options start with --)`, 'LG_USAGE');
  }
  const s = (v: string | undefined): string | null => v ?? null;
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
      quiet: values.quiet === true,
    },
  };
}
