/**
 * Process-tree questions over a /proc snapshot (pure): which processes belong to a group, and
 * which of a self-supervising server's processes are its workers.
 */
import type { ProcStat } from './proc.js';

/** Live members of the given process groups (zombies excluded: they no longer run). */
export function membersOf(procs: ProcStat[], pgids: Iterable<number>): ProcStat[] {
  const set = new Set(pgids);
  return procs.filter((p) => set.has(p.pgid) && p.state !== 'Z');
}

/** `root` and every process below it (by parent pid), root first. */
export function subtree(procs: ProcStat[], root: number): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const p of procs) {
    const list = children.get(p.ppid) ?? [];
    list.push(p);
    children.set(p.ppid, list);
  }
  const top = procs.find((p) => p.pid === root);
  if (!top) return [];
  const out: ProcStat[] = [];
  const queue = [top];
  for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
    out.push(p);
    queue.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

/**
 * Helper processes that serve no requests, by command line: Python's multiprocessing resource
 * tracker (`uvicorn --workers 2` runs one next to its 2 workers) and its older semaphore tracker.
 */
const HELPER_COMMAND = /\bmultiprocessing[./](?:resource_tracker|semaphore_tracker)\b/;

export function isHelperCommand(cmdline: string): boolean {
  return HELPER_COMMAND.test(cmdline);
}

/**
 * The worker processes of a self-supervising server rooted at `mainPid`: the leaves of its
 * tree (gunicorn master -> workers, Node cluster primary -> workers, sh -> gunicorn -> workers),
 * without helpers (`isHelper`) and what they started. A tree without children is a
 * single-process server: the main process is the worker.
 */
export function discoverWorkers(
  procs: ProcStat[],
  mainPid: number,
  isHelper: (p: ProcStat) => boolean = () => false,
): ProcStat[] {
  const tree = subtree(
    procs.filter((p) => p.state !== 'Z'),
    mainPid,
  );
  if (tree.length <= 1) return tree;
  // Root first, parents before children: a helper's descendants are helpers too.
  const helpers = new Set<number>();
  for (const p of tree) {
    if (p.pid !== mainPid && (helpers.has(p.ppid) || isHelper(p))) helpers.add(p.pid);
  }
  const kept = tree.filter((p) => !helpers.has(p.pid));
  if (kept.length <= 1) return kept;
  const parents = new Set(kept.map((p) => p.ppid));
  return kept.filter((p) => p.pid !== mainPid && !parents.has(p.pid)).sort((a, b) => a.pid - b.pid);
}
