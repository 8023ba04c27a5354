/**
 * Checks before anything starts, so bad input gives one clear message instead of a half-booted
 * server: cwd, worker count, env values, programs that are not on PATH, fixed ports already taken.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ServerConfig } from '../config/types.js';
import { ConfigError, ServerError } from '../errors.js';
import { programOf } from './shell.js';
import { portTaken, SHARED_SOCKET_UNSUPPORTED, sharedSocketSupported } from './ports.js';
import { hasTaskset, TASKSET } from './launch.js';
import { hasWorkersPlaceholder, WORKERS_PLACEHOLDER } from './placeholder.js';

/** Same bound as the config's limits: 0 or 1000 workers is a typo, not a plan. */
export const MAX_WORKERS = 256;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where `program` resolves to, or null when the shell would answer "not found" (exit 127). */
export function resolveProgram(
  program: string,
  cwd: string,
  pathVar: string | undefined,
): string | null {
  if (program.includes('/')) {
    const full = isAbsolute(program) ? program : join(cwd, program);
    return executable(full) ? full : null;
  }
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (!dir) continue;
    const full = join(isAbsolute(dir) ? dir : join(cwd, dir), program);
    if (executable(full)) return full;
  }
  return null;
}

/** Ports written literally into the command (`--bind 127.0.0.1:8000`, `--port 8000`). */
export function fixedPorts(command: string): number[] {
  const found = new Set<number>();
  const patterns = [
    /(?:^|[\s=])(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-fA-F:]*\])?:(\d{2,5})(?![\w.])/g,
    /(?:--port|--listen|-p)[\s=](\d{2,5})(?![\w.])/g,
  ];
  for (const re of patterns) {
    for (const m of command.matchAll(re)) {
      const port = Number(m[1]);
      if (port > 0 && port < 65536) found.add(port);
    }
  }
  return [...found];
}

export interface PreflightResult {
  /** Ports named in the command: loadgate still probes $PORT, so these deserve a warning. */
  fixedPorts: number[];
}

export async function preflight(
  config: ServerConfig,
  env: Record<string, unknown>,
): Promise<PreflightResult> {
  if (!config.command.trim())
    throw new ConfigError('server.command is empty', { code: 'LG_SERVER_COMMAND' });
  let cwdIsDir = false;
  try {
    cwdIsDir = statSync(config.cwd).isDirectory();
  } catch {
    // reported below
  }
  if (!cwdIsDir)
    throw new ConfigError(`server.cwd: folder ${config.cwd} does not exist`, {
      code: 'LG_SERVER_CWD',
    });
  // Checked at run time too: the config may come from a caller that skipped the schema.
  const configEnv: Record<string, unknown> = config.env;
  for (const [key, value] of Object.entries(configEnv)) {
    if (typeof value !== 'string') {
      throw new ConfigError(`server.env.${key}: expected a string, got ${typeof value}`, {
        code: 'LG_SERVER_ENV',
      });
    }
  }
  const count = config.workers.count;
  if (count !== null && (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS)) {
    throw new ConfigError(
      `server.workers: expected a whole number from 1 to ${MAX_WORKERS}, got ${count}`,
      { code: 'LG_SERVER_WORKERS' },
    );
  }
  if (
    config.workers.mode === 'self' &&
    config.workers.count === null &&
    hasWorkersPlaceholder(config.command)
  ) {
    throw new ConfigError(
      `server.command: ${WORKERS_PLACEHOLDER} is filled in by \`loadgate sweep\`; ` +
        'for `loadgate run` write the worker count into the command (e.g. `gunicorn -w 2`)',
      { code: 'LG_WORKERS_PLACEHOLDER' },
    );
  }
  checkCpus(config.cpus);
  if (config.workers.mode === 'spawn' && config.socket === 'shared' && !sharedSocketSupported()) {
    throw new ConfigError(`server.socket: ${SHARED_SOCKET_UNSUPPORTED}`, {
      code: 'LG_SHARED_UNSUPPORTED',
    });
  }
  const pathVar = (config.env.PATH ?? env.PATH) as string | undefined;
  for (const [what, command] of [
    ...config.setup.map((c, i) => [`server.setup[${i}]`, c] as const),
    ['server.command', config.command] as const,
  ]) {
    const program = programOf(command);
    if (program && !resolveProgram(program, config.cwd, pathVar)) {
      throw new ServerError(
        `${what}: command not found: ${program} (not on PATH and not a file in ${config.cwd}); ` +
          'the shell would exit with code 127',
        { code: 'LG_COMMAND_NOT_FOUND' },
      );
    }
  }
  const fixed = fixedPorts(config.command);
  for (const port of fixed) {
    if (await portTaken(port)) {
      throw new ServerError(
        `server.command names port ${port}, which is already in use on 127.0.0.1 ` +
          '(use $PORT: loadgate picks a free port)',
        { code: 'LG_PORT_TAKEN' },
      );
    }
  }
  return { fixedPorts: fixed };
}

/** A CPU list to pin to: whole numbers, and taskset present to do it. */
function checkCpus(cpus: readonly number[] | null | undefined): void {
  if (cpus === null || cpus === undefined) return;
  if (cpus.length === 0 || cpus.some((c) => !Number.isInteger(c) || c < 0)) {
    throw new ConfigError(
      `cpus: expected a list of CPU numbers (0, 1, ...), got [${cpus.join(', ')}]`,
      { code: 'LG_CPUS' },
    );
  }
  if (!hasTaskset()) {
    throw new ConfigError(
      `cpus: pinning the server needs taskset (util-linux) at ${TASKSET}, which is missing`,
      { code: 'LG_CPUS' },
    );
  }
}
