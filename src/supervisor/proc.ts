/**
 * Reading Linux /proc: process table (pid, parent, group, CPU ticks), memory per process and
 * whole-system CPU. Parsing is separate from reading so it can be tested with plain strings.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';

/** Clock ticks per second for utime/stime: USER_HZ is 100 on every Linux architecture we run on. */
export const CLOCK_TICKS = 100;

export interface ProcStat {
  pid: number;
  /** Executable name (comm), without the parentheses. */
  name: string;
  state: string;
  ppid: number;
  pgid: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
}

/** Parses /proc/PID/stat. comm may hold spaces and parentheses: fields follow the last ')'. */
export function parseStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  const rest = text
    .slice(close + 2)
    .trim()
    .split(' ');
  // rest[0] is field 3 (state); field N is rest[N - 3].
  const state = rest[0] ?? '?';
  const ppid = Number(rest[1]);
  const pgid = Number(rest[2]);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (![pid, ppid, pgid, utime, stime].every(Number.isFinite)) return null;
  return { pid, name: text.slice(open + 1, close), state, ppid, pgid, cpuTicks: utime + stime };
}

/**
 * Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. With the pid
 * it names one process for good: a reused pid has a later start time. Null when unparsable.
 */
export function parseStartTime(text: string): number | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const field = text
    .slice(close + 2)
    .trim()
    .split(' ')[19]; // field N is rest[N - 3]
  const n = Number(field);
  return field !== undefined && field !== '' && Number.isInteger(n) ? n : null;
}

/** The start time of a live process (see parseStartTime), or null when it is gone. */
export function readStartTime(pid: number): number | null {
  try {
    return parseStartTime(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** /proc/PID/cmdline with its NUL separators as spaces; '' when unreadable. */
export function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * A `(process) => is it a helper?` that reads each process's command line once (by pid and
 * name, so a pid reused by another program is read again).
 */
export function helperCheck(
  isHelperCommand: (cmdline: string) => boolean,
): (p: ProcStat) => boolean {
  const seen = new Map<number, { name: string; helper: boolean }>();
  return (p) => {
    const known = seen.get(p.pid);
    if (known && known.name === p.name) return known.helper;
    const helper = isHelperCommand(readCmdline(p.pid));
    if (seen.size > 10_000) seen.clear();
    seen.set(p.pid, { name: p.name, helper });
    return helper;
  };
}

/** Every process visible in /proc. Processes that vanish while we read are skipped. */
export async function listProcesses(): Promise<ProcStat[]> {
  const entries = await readdir('/proc');
  const reads = entries
    .filter((e) => /^\d+$/.test(e))
    .map(async (e) => {
      try {
        return parseStat(await readFile(`/proc/${e}/stat`, 'utf8'));
      } catch {
        return null;
      }
    });
  return (await Promise.all(reads)).filter((p): p is ProcStat => p !== null);
}

export interface Memory {
  rssBytes: number;
  pssBytes: number | null;
}

/** Reads `Key:   123 kB` lines (smaps_rollup, status) into bytes. */
export function parseKbField(text: string, key: string): number | null {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
  return m?.[1] ? Number(m[1]) * 1024 : null;
}

/** RSS and PSS from smaps_rollup when readable (Linux 4.14+), else RSS from status. */
export async function readMemory(pid: number): Promise<Memory | null> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const rss = parseKbField(rollup, 'Rss');
    if (rss !== null) return { rssBytes: rss, pssBytes: parseKbField(rollup, 'Pss') };
  } catch {
    // Not readable (older kernel, other user): fall back to status.
  }
  try {
    const rss = parseKbField(await readFile(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
    return rss === null ? null : { rssBytes: rss, pssBytes: null };
  } catch {
    return null;
  }
}

export interface CpuTimes {
  total: number;
  idle: number;
  steal: number;
}

/** The aggregate `cpu` line of /proc/stat. Guest time is already inside user, so not added. */
export function parseCpuLine(text: string): CpuTimes | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
  return {
    total: user + nice + system + idle + iowait + irq + softirq + steal,
    idle: idle + iowait,
    steal,
  };
}

export async function readCpuTimes(): Promise<CpuTimes | null> {
  try {
    return parseCpuLine(await readFile('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** A listening TCP socket from /proc/net/tcp or tcp6. */
export interface ListeningSocket {
  port: number;
  inode: number;
}

/** The listening sockets (state 0A) in the text of /proc/net/tcp or /proc/net/tcp6. */
export function parseListening(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
    if (f.length < 10 || f[3] !== '0A') continue;
    const port = parseInt(f[1]?.split(':')[1] ?? '', 16);
    const inode = Number(f[9]);
    if (Number.isFinite(port) && port > 0 && inode > 0) out.push({ port, inode });
  }
  return out;
}

/** TCP ports the given processes listen on (through their socket fds); [] when unknown. */
export async function listeningPorts(pids: readonly number[]): Promise<number[]> {
  const tables = await Promise.all(
    ['/proc/net/tcp', '/proc/net/tcp6'].map((f) => readFile(f, 'utf8').catch(() => '')),
  );
  const byInode = new Map(tables.flatMap(parseListening).map((s) => [s.inode, s.port]));
  if (byInode.size === 0) return [];
  const ports = new Set<number>();
  await Promise.all(
    pids.map(async (pid) => {
      let fds: string[];
      try {
        fds = await readdir(`/proc/${pid}/fd`);
      } catch {
        return;
      }
      await Promise.all(
        fds.map(async (fd) => {
          const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
          const m = /^socket:\[(\d+)\]$/.exec(target);
          const port = m ? byInode.get(Number(m[1])) : undefined;
          if (port !== undefined) ports.add(port);
        }),
      );
    }),
  );
  return [...ports].sort((a, b) => a - b);
}

/** Ports the live members of these process groups listen on. */
export async function groupListeningPorts(pgids: readonly number[]): Promise<number[]> {
  try {
    const set = new Set(pgids);
    const pids = (await listProcesses())
      .filter((p) => set.has(p.pgid) && p.state !== 'Z')
      .map((p) => p.pid);
    return await listeningPorts(pids);
  } catch {
    return [];
  }
}
