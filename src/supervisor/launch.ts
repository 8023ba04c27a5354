/**
 * Starting one shell command as its own process group, output to its own log file, wrapped so
 * that it gets SIGTERM if loadgate dies (setpriv --pdeathsig, util-linux, when present).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { closeLog, openLog } from './logs.js';
import { execForm } from './shell.js';

const SETPRIV = '/usr/bin/setpriv';
/** util-linux taskset: pins a command (and everything it forks) to a CPU list. */
export const TASKSET = '/usr/bin/taskset';

export interface Exit {
  code: number | null;
  signal: string | null;
  /** Set when the process could not be started at all. */
  error: string | null;
}

export interface Launched {
  pid: number;
  /** Equal to pid: every launched command leads its own group. */
  pgid: number;
  startedAt: number;
  logPath: string;
  exited: Promise<Exit>;
  /** Settled exit, or null while running. */
  exit(): Exit | null;
}

export interface LaunchOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  logPath: string;
  /** Why this process starts, written as a marker line into the log. */
  marker: string;
  /** A listening socket to hand over as fd 3 (shared-socket mode); LISTEN_FDS/LISTEN_PID set. */
  socketFd?: number;
  /** Skip the parent-death wrapper (tests of the wrapper itself). */
  noPdeathsig?: boolean;
  /** Pin the command to these CPUs (`taskset -c`); absent, null or empty: not pinned. */
  cpus?: readonly number[] | null;
}

/** Whether children get a parent-death signal on this machine. */
export function hasPdeathsig(): boolean {
  return existsSync(SETPRIV);
}

/** Whether commands can be pinned to CPUs on this machine. */
export function hasTaskset(): boolean {
  return existsSync(TASKSET);
}

/** `[0, 1, 3]` -> `0,1,3`: taskset's list form. */
export function cpuList(cpus: readonly number[]): string {
  return cpus.join(',');
}

/**
 * argv for the command. Each wrapper execs the next, and a simple command is run with `exec`,
 * so the pid we get is the server's own (a compound command keeps its shell as that pid). For fd
 * passing, LISTEN_PID is set to that pid from inside the shell: it is unknown before spawn.
 * taskset goes outermost: the affinity it sets survives every exec and fork below it.
 */
export function commandArgv(
  command: string,
  opts: { pdeathsig: boolean; listenPid: boolean; cpus?: readonly number[] | null },
): string[] {
  let argv = ['/bin/sh', '-c', execForm(command)];
  if (opts.pdeathsig) argv = [SETPRIV, '--pdeathsig', 'SIGTERM', '--', ...argv];
  if (opts.listenPid) {
    argv = ['/bin/sh', '-c', 'LISTEN_PID=$$; export LISTEN_PID; exec "$@"', 'sh', ...argv];
  }
  if (opts.cpus && opts.cpus.length > 0) argv = [TASKSET, '-c', cpuList(opts.cpus), ...argv];
  return argv;
}

export function launch(opts: LaunchOptions): Launched {
  const shared = opts.socketFd !== undefined;
  const argv = commandArgv(opts.command, {
    pdeathsig: !opts.noPdeathsig && hasPdeathsig(),
    listenPid: shared,
    cpus: opts.cpus ?? null,
  });
  const env = shared ? { ...opts.env, LISTEN_FDS: '1' } : opts.env;
  const fd = openLog(opts.logPath, opts.marker);
  const stdio: (number | 'ignore')[] = ['ignore', fd, fd];
  if (opts.socketFd !== undefined) stdio.push(opts.socketFd);
  let settled: Exit | null = null;
  try {
    const child = spawn(argv[0] as string, argv.slice(1), {
      cwd: opts.cwd,
      env,
      stdio,
      detached: true,
    });
    const exited = new Promise<Exit>((resolve) => {
      child.once('exit', (code, signal) => resolve((settled = { code, signal, error: null })));
      child.once('error', (err) =>
        resolve((settled = { code: null, signal: null, error: err.message })),
      );
    });
    if (child.pid === undefined) {
      // spawn failed synchronously (ENOENT, EMFILE); 'error' follows on the next tick.
      return {
        pid: -1,
        pgid: -1,
        startedAt: Date.now(),
        logPath: opts.logPath,
        exited,
        exit: () => settled,
      };
    }
    return {
      pid: child.pid,
      pgid: child.pid,
      startedAt: Date.now(),
      logPath: opts.logPath,
      exited,
      exit: () => settled,
    };
  } finally {
    closeLog(fd);
  }
}

/** Signals a whole process group; a group that is already gone is not an error. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  if (pgid <= 1) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** A human reading of an exit, with the common shell codes spelled out. */
export function describeExit(exit: Exit): string {
  if (exit.error) return `could not be started (${exit.error})`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  if (exit.code === 127)
    return 'exited with code 127 (command not found: check the program name and PATH)';
  if (exit.code === 126) return 'exited with code 126 (found but not executable)';
  return `exited with code ${exit.code}`;
}
