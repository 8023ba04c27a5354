/**
 * The embedded default store: one JSON file holding one or more series, keyed by name:
 *
 *     { "schema": 1, "series": { "items-api": { "schema": 1, "name": "items-api", "entries": [...] } } }
 *
 * Reads never throw (a corrupt, partial or foreign file is a warning and no baseline). Writes
 * are atomic (temporary file + rename in the same folder, so readers see the old or the new
 * file, never half of one), serialized between processes by a lock file, and bounded.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, lstat, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Logger } from '../log.js';
import { BaselineStoreError } from './errors.js';
import { appendEntry, decodeSeries, serializeJson, type SeriesStatus } from './series.js';
import type { BaselineEntry, BaselineSeries, BaselineStore, ReadResult } from './types.js';
import { errorMessage } from '../errors.js';
import { errnoCode, isRecord } from '../util/guards.js';

/** The file's container format (each series inside carries its own schema too). */
export const BASELINE_FILE_SCHEMA = 1;

export interface FileStoreDeps {
  log: Logger;
  /** How long to wait for another process's lock before giving up. */
  lockTimeoutMs?: number;
  /** A lock older than this is left over from a killed process and is taken over. */
  staleLockMs?: number;
  /**
   * Writes the lock's content into a new file (tests inject a failing one: disk full). The lock
   * itself appears only after this succeeded (hard link), so a failed write leaves no lock.
   */
  writeFile?: (path: string, text: string) => Promise<void>;
  /** Whether a process id is alive on this host (tests inject; default: kill(pid, 0)). */
  pidAlive?: (pid: number) => boolean;
}

/** What a lock file says about its holder: `pid host started-at`, one line. */
export interface LockOwner {
  pid: number;
  host: string | null;
}

/** `1234 runner-7 2026-...` (or the bare pid older versions wrote); null when unreadable. */
export function parseLockOwner(text: string): LockOwner | null {
  const m = /^(\d+)(?:[ \t]+(\S+))?/.exec(text.trim());
  if (!m) return null;
  const pid = Number(m[1]);
  return pid > 0 ? { pid, host: m[2] ?? null } : null;
}

function defaultPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM'; // exists, owned by someone else
  }
}

async function defaultWriteNew(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

interface FileDoc {
  schema: number;
  series: Record<string, unknown>;
}

type Loaded =
  | { status: 'missing' | 'ok'; doc: FileDoc; warning: null }
  | { status: Exclude<SeriesStatus, 'ok'> | 'unreadable'; doc: null; warning: string };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class FileBaselineStore implements BaselineStore {
  readonly description: string;
  private readonly file: string;

  constructor(
    file: string,
    private readonly deps: FileStoreDeps,
  ) {
    this.file = resolve(file);
    this.description = `file ${this.file}`;
  }

  async read(name: string): Promise<ReadResult> {
    const link = await this.symlinkProblem();
    if (link) return { series: null, warning: `${link}; no baseline read` };
    const loaded = await this.load();
    if (!loaded.doc) return { series: null, warning: loaded.warning };
    const raw = loaded.doc.series[name];
    if (raw === undefined) return { series: null, warning: null };
    const decoded = decodeSeries(raw, name, `baseline file ${this.file}`);
    return { series: decoded.series, warning: decoded.warning };
  }

  async append(name: string, entry: BaselineEntry, history: number): Promise<void> {
    const { log } = this.deps;
    const link = await this.symlinkProblem();
    if (link)
      throw new BaselineStoreError(`${link}; baseline not updated`, {
        code: 'LG_BASELINE_SYMLINK',
      });
    try {
      await mkdir(dirname(this.file), { recursive: true });
    } catch (e) {
      throw new BaselineStoreError(
        `cannot create the folder of baseline file ${this.file}: ${errorMessage(e)}`,
      );
    }
    await this.withLock(async () => {
      const loaded = await this.load();
      let doc: FileDoc;
      if (loaded.status === 'unreadable' || loaded.status === 'newer-schema') {
        throw new BaselineStoreError(`${loaded.warning}; baseline not updated`);
      } else if (!loaded.doc) {
        const backup = `${this.file}.corrupt-${Date.now()}`;
        await copyFile(this.file, backup).catch(() => {});
        log.warn(`${loaded.warning}; kept a copy at ${backup} and started a new baseline file`);
        doc = { schema: BASELINE_FILE_SCHEMA, series: {} };
      } else {
        doc = loaded.doc;
      }
      let current: BaselineSeries | null = null;
      const raw = doc.series[name];
      if (raw !== undefined) {
        const decoded = decodeSeries(raw, name, `baseline file ${this.file}`);
        if (decoded.status === 'newer-schema')
          throw new BaselineStoreError(`${decoded.warning}; baseline not updated`);
        if (decoded.warning)
          log.warn(decoded.status === 'ok' ? decoded.warning : `${decoded.warning} (replaced now)`);
        current = decoded.series;
      }
      doc.series[name] = appendEntry(current, name, entry, history);
      await this.writeAtomic(serializeJson(doc));
    });
  }

  /**
   * A baseline path that is a symbolic link is refused: reading would show another file's
   * contents in warnings, and the atomic rename would replace the link with a plain file.
   */
  private async symlinkProblem(): Promise<string | null> {
    const info = await lstat(this.file).catch(() => null);
    return info?.isSymbolicLink()
      ? `baseline file ${this.file} is a symbolic link; loadgate refuses to follow it (use the real path)`
      : null;
  }

  private async load(): Promise<Loaded> {
    const where = `baseline file ${this.file}`;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if (errnoCode(e) === 'ENOENT')
        return {
          status: 'missing',
          doc: { schema: BASELINE_FILE_SCHEMA, series: {} },
          warning: null,
        };
      return {
        status: 'unreadable',
        doc: null,
        warning: `cannot read ${where}: ${errorMessage(e)}`,
      };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const message = errorMessage(e);
      return {
        status: 'corrupt',
        doc: null,
        warning: `${where} is not valid JSON (${message}); the baseline is treated as missing`,
      };
    }
    if (!isRecord(value)) {
      return {
        status: 'corrupt',
        doc: null,
        warning: `${where} does not hold a JSON object; the baseline is treated as missing`,
      };
    }
    const obj = value;
    // A bare series ({ schema, name, entries }) is accepted as a file with that one series.
    if (typeof obj.name === 'string' && 'entries' in obj && !('series' in obj)) {
      return {
        status: 'ok',
        doc: { schema: BASELINE_FILE_SCHEMA, series: { [obj.name]: obj } },
        warning: null,
      };
    }
    if (typeof obj.schema === 'number' && obj.schema > BASELINE_FILE_SCHEMA) {
      return {
        status: 'newer-schema',
        doc: null,
        warning: `${where} has schema ${obj.schema}, written by a newer loadgate (this one reads ${BASELINE_FILE_SCHEMA}); ignored`,
      };
    }
    const series = obj.series;
    if (obj.schema !== BASELINE_FILE_SCHEMA || !isRecord(series)) {
      return {
        status: 'old-schema',
        doc: null,
        warning: `${where} is not a loadgate baseline file of schema ${BASELINE_FILE_SCHEMA} (expected { "schema": ${BASELINE_FILE_SCHEMA}, "series": {...} }); ignored`,
      };
    }
    return {
      status: 'ok',
      doc: { schema: BASELINE_FILE_SCHEMA, series },
      warning: null,
    };
  }

  private async writeAtomic(text: string): Promise<void> {
    const tmp = join(
      dirname(this.file),
      `.${basename(this.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => {});
      throw new BaselineStoreError(`cannot write baseline file ${this.file}: ${errorMessage(e)}`);
    }
  }

  /**
   * One writer at a time across processes: `<file>.lock`, holding `pid host time`. The content is
   * written to a temporary file first and hard-linked into place, so the lock never exists empty
   * and a failed write (disk full) leaves none. A lock that is empty or unreadable, names a dead
   * process on this host, or is older than `staleLockMs` is taken over with a warning.
   */
  private async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = `${this.file}.lock`;
    const deadline = Date.now() + (this.deps.lockTimeoutMs ?? 10_000);
    const staleMs = this.deps.staleLockMs ?? 60_000;
    const writeNew = this.deps.writeFile ?? defaultWriteNew;
    const pidAlive = this.deps.pidAlive ?? defaultPidAlive;
    const host = hostname();
    const tmp = join(
      dirname(lock),
      `.${basename(lock)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      await writeNew(tmp, `${process.pid} ${host} ${new Date().toISOString()}\n`);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => {});
      throw new BaselineStoreError(`cannot create lock ${lock}: ${errorMessage(e)}`);
    }
    try {
      for (;;) {
        try {
          await link(tmp, lock);
          break;
        } catch (e) {
          if (errnoCode(e) !== 'EEXIST')
            throw new BaselineStoreError(`cannot create lock ${lock}: ${errorMessage(e)}`);
        }
        const stale = await this.staleLock(lock, staleMs, host, pidAlive);
        if (stale) {
          if (await takeOver(lock, stale.ino)) this.deps.log.warn(`${stale.why}: taken over`);
          continue;
        }
        if (Date.now() > deadline) {
          throw new BaselineStoreError(
            `another loadgate process holds ${lock}; remove it if no run is in progress`,
          );
        }
        await sleep(20 + Math.random() * 40);
      }
    } finally {
      await rm(tmp, { force: true }).catch(() => {});
    }
    try {
      return await fn();
    } finally {
      await rm(lock, { force: true }).catch(() => {});
    }
  }

  /** Why the lock is left over (with its inode, to take over exactly that file), or null. */
  private async staleLock(
    lock: string,
    staleMs: number,
    host: string,
    pidAlive: (pid: number) => boolean,
  ): Promise<{ why: string; ino: number } | null> {
    const info = await stat(lock).catch(() => null);
    if (!info) return null; // released meanwhile: try again at once
    const ageS = Math.round((Date.now() - info.mtimeMs) / 1000);
    if (Date.now() - info.mtimeMs > staleMs) {
      return { why: `lock ${lock} is ${ageS} s old, older than any run`, ino: info.ino };
    }
    const text = await readFile(lock, 'utf8').catch(() => null);
    if (text === null) return null;
    const owner = parseLockOwner(text);
    if (!owner) {
      const what = text.trim() === '' ? 'is empty' : 'names no process';
      return { why: `lock ${lock} ${what} (left by a failed write)`, ino: info.ino };
    }
    if ((owner.host === null || owner.host === host) && !pidAlive(owner.pid)) {
      return {
        why: `lock ${lock} names process ${owner.pid}, which is not running`,
        ino: info.ino,
      };
    }
    return null;
  }
}

/**
 * Removes a stale lock without removing a fresh one another process created meanwhile: move it
 * aside (atomic), check it is the file judged stale, and put it back if it is not.
 */
async function takeOver(lock: string, ino: number): Promise<boolean> {
  const aside = `${lock}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lock, aside);
  } catch {
    return false; // someone else took it over or released it
  }
  const moved = await stat(aside).catch(() => null);
  if (moved && moved.ino !== ino) {
    await link(aside, lock).catch(() => {});
    await rm(aside, { force: true }).catch(() => {});
    return false;
  }
  await rm(aside, { force: true }).catch(() => {});
  return true;
}
