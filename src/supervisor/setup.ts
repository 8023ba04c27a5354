/**
 * `setup` commands (migrations, seeding) run once, in order, before the server boots; each in
 * its own process group and log file, under the setup timeout.
 */
import type { ServerConfig } from '../config/types.js';
import type { Logger } from '../log.js';
import { ServerError } from '../errors.js';
import type { ServerEvent } from './types.js';
import type { GroupGuard } from './guard.js';
import { describeExit, launch } from './launch.js';
import { logPath } from './logs.js';
import { stopGroups } from './stop.js';

const SETUP_GRACE_MS = 2_000;

export async function runSetup(
  config: ServerConfig,
  env: Record<string, string>,
  guard: GroupGuard,
  log: Logger,
  signal: AbortSignal | undefined,
  onEvent: (e: ServerEvent) => void,
  tail: (path: string) => string[],
): Promise<void> {
  for (const [i, command] of config.setup.entries()) {
    const path = logPath(config.logDir, `setup-${i + 1}`);
    const started = Date.now();
    log.info(`setup: ${command}`);
    const proc = launch({
      command,
      cwd: config.cwd,
      env,
      logPath: path,
      marker: `setup: ${command}`,
    });
    guard.add(proc.pgid);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const interrupted = new Promise<'timeout' | 'aborted'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), config.setupTimeoutMs);
      onAbort = () => resolve('aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) resolve('aborted');
    });
    const outcome = await Promise.race([proc.exited, interrupted]);
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // Whatever happened, nothing the setup command forked may stay behind.
    await stopGroups([proc.pgid], SETUP_GRACE_MS);
    guard.remove(proc.pgid);
    const lines = tail(path);
    if (outcome === 'aborted')
      throw new ServerError(`setup interrupted: ${command}`, { code: 'LG_ABORTED' });
    if (outcome === 'timeout') {
      throw new ServerError(
        `setup command timed out after ${config.setupTimeoutMs / 1000} s: ${command} (log: ${path})`,
        { code: 'LG_SETUP_TIMEOUT', details: lines },
      );
    }
    const ms = Date.now() - started;
    onEvent({ kind: 'setup', at: started, command, exitCode: outcome.code ?? -1, ms });
    if (outcome.code !== 0) {
      throw new ServerError(`setup command ${describeExit(outcome)}: ${command} (log: ${path})`, {
        code: 'LG_SETUP_FAILED',
        details: lines,
      });
    }
    log.info(`setup done in ${(ms / 1000).toFixed(1)} s: ${command}`);
  }
}
