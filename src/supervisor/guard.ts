/**
 * Makes sure no process group we start outlives loadgate, even when loadgate is SIGKILLed and runs
 * no cleanup. Three nets: the parent-death signal (launch.ts) reaches the direct child only; a
 * watchdog shell that holds the read end of a pipe from us kills every registered group when the
 * pipe closes (our death closes it, whatever the signal), which also catches grandchildren that
 * the command forked; and the state file, which the action's post step reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../log.js';
import { readStartTime } from './proc.js';
import { RUN_MARK } from './env.js';
import { recordGroup, recordLine } from './statefile.js';
import { errorMessage } from '../errors.js';

/**
 * Reads `+PGID` / `-PGID` lines; at EOF, TERM the groups left, wait up to 3 s, then KILL, and
 * KILL every process still carrying this start's run mark (one that left its group: setsid).
 */
const WATCHDOG = `
trap '' INT TERM HUP
sweep() {
  [ -n "$LOADGATE_SWEEP_ID" ] || return 0
  for f in /proc/[0-9]*/environ; do
    p=\${f#/proc/}; p=\${p%/environ}
    [ "$p" = "$$" ] && continue
    if tr '\\000' '\\n' < "$f" 2>/dev/null | grep -qxF "${RUN_MARK}=$LOADGATE_SWEEP_ID"; then
      kill -KILL "$p" 2>/dev/null
    fi
  done
}
set --
while read -r line; do
  pg=\${line#?}
  case "$line" in
    +*) set -- "$@" "$pg" ;;
    -*) keep=""; for p in "$@"; do [ "$p" = "$pg" ] || keep="$keep $p"; done; set -- $keep ;;
  esac
done
[ $# -eq 0 ] && exit 0
for p in "$@"; do kill -TERM -$p 2>/dev/null; done
i=0
while [ $i -lt 30 ]; do
  alive=""; for p in "$@"; do kill -0 -$p 2>/dev/null && alive="$alive $p"; done
  [ -z "$alive" ] && { sweep; exit 0; }
  sleep 0.1; i=$((i+1))
done
for p in "$@"; do kill -KILL -$p 2>/dev/null; done
sweep
`;

export class GroupGuard {
  private readonly live = new Set<number>();
  private watchdog: ChildProcess | null = null;
  private watchdogExit: Promise<void> = Promise.resolve();

  constructor(
    private readonly log: Logger,
    private readonly env: Record<string, string>,
    private readonly stateFile: string | undefined,
    /** This start's run mark (LOADGATE_RUN_ID), swept for when loadgate dies; null: none. */
    private readonly runId: string | null = null,
  ) {}

  /** Starts the watchdog; without /bin/sh we carry on with the other two nets. */
  start(): void {
    try {
      const child = spawn('/bin/sh', ['-c', WATCHDOG], {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true,
        env: this.runId ? { ...this.env, LOADGATE_SWEEP_ID: this.runId } : this.env,
      });
      child.stdin?.on('error', () => {}); // a dead watchdog must not crash us on write
      this.watchdogExit = new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.once('error', () => resolve());
      });
      // Neither the child nor our end of its pipe may keep loadgate's event loop alive.
      child.unref();
      (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
      this.watchdog = child;
    } catch (e) {
      this.log.warn(`could not start the process watchdog: ${errorMessage(e)}`);
    }
    if (this.runId) this.note(`@${this.runId}`);
  }

  get pids(): number[] {
    return [...this.live];
  }

  add(pgid: number): void {
    if (pgid <= 1) return;
    this.live.add(pgid);
    this.write('+', pgid);
  }

  remove(pgid: number): void {
    if (!this.live.delete(pgid)) return;
    this.write('-', pgid);
  }

  /** After every group is stopped (and the run mark swept): let the watchdog exit cleanly. */
  async close(): Promise<void> {
    if (this.runId && this.live.size === 0) this.note(`!${this.runId}`);
    const wd = this.watchdog;
    this.watchdog = null;
    if (!wd) return;
    wd.ref(); // wait for it, even if nothing else keeps the event loop alive
    wd.stdin?.end();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.watchdogExit,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 5_000);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  private write(op: '+' | '-', pgid: number): void {
    if (this.watchdog?.stdin?.writable) this.watchdog.stdin.write(`${op}${pgid}\n`);
    if (this.stateFile) {
      // The leader's start time: the post step signals the group only if it still matches.
      const start = op === '+' ? readStartTime(pgid) : null;
      const err = recordGroup(this.stateFile, op, pgid, start);
      if (err) this.log.warn(`could not record process group ${pgid} in ${this.stateFile}: ${err}`);
    }
  }

  private note(line: string): void {
    if (!this.stateFile) return;
    const err = recordLine(this.stateFile, line);
    if (err) this.log.warn(`could not write ${this.stateFile}: ${err}`);
  }
}
