/**
 * Stopping process groups: SIGTERM every group, wait for all members (not just the leader) to be
 * gone or the grace period to end, then SIGKILL what is left. Never throws.
 */
import { connect } from 'node:net';
import { listProcesses } from './proc.js';
import { signalGroup } from './launch.js';
import { membersOf } from './tree.js';

const POLL_MS = 50;
/** After SIGKILL the kernel needs a moment; beyond this we report and move on. */
const KILL_WAIT_MS = 3_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function aliveGroups(pgids: number[]): Promise<Set<number>> {
  try {
    return new Set(membersOf(await listProcesses(), pgids).map((p) => p.pgid));
  } catch {
    // No /proc: fall back to asking the kernel about each group.
    return new Set(pgids.filter((g) => signalGroup(g, 0)));
  }
}

async function waitGone(pgids: number[], ms: number): Promise<Set<number>> {
  const deadline = Date.now() + ms;
  let alive = await aliveGroups(pgids);
  while (alive.size > 0 && Date.now() < deadline) {
    await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
    alive = await aliveGroups([...alive]);
  }
  return alive;
}

export interface StopResult {
  /** Some group needed SIGKILL. */
  forced: boolean;
  /** Groups that still had live members after SIGKILL (should never happen). */
  survivors: number[];
}

export async function stopGroups(pgids: number[], graceMs: number): Promise<StopResult> {
  const groups = pgids.filter((g) => g > 1);
  if (groups.length === 0) return { forced: false, survivors: [] };
  for (const g of groups) signalGroup(g, 'SIGTERM');
  const stubborn = await waitGone(groups, graceMs);
  if (stubborn.size === 0) return { forced: false, survivors: [] };
  for (const g of stubborn) signalGroup(g, 'SIGKILL');
  const survivors = await waitGone([...stubborn], KILL_WAIT_MS);
  return { forced: true, survivors: [...survivors] };
}

/** True when something still accepts connections on 127.0.0.1:port. */
export function portOpen(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
