/**
 * How an A/B run is laid out (pure). Base (A) and head (B) are both booted once and take turns
 * receiving load, in counterbalanced blocks A B | B A | A B | B A ...: any drift of the runner
 * (another job's load, thermal or frequency changes) hits both sides equally within each pair
 * of blocks, so it cancels from the paired differences (FIELD-NOTES 4, duet benchmarking).
 *
 * Time budget: K blocks cost 2·K rounds. A/B spends about 1.2x the load time of a stored run
 * (rounds x duration), split into K = 2 x rounds blocks: with the defaults (5 rounds of 10 s)
 * 10 blocks of 3 s rounds, 60 s of load, so one gate stays under 90 s from boot to verdict.
 * Many short blocks beat few long ones for a paired test: base and head run closer together
 * in time, so drift and a neighbour's bursts cancel better, and the t quantile shrinks with
 * the degrees of freedom. Measured (docs/benchmarks.md, Gate): 10 x 3 s gave narrower intervals
 * than 6 x 5 s on the same shared machine (median A/A width 3% against 10%).
 */
import type { LoadConfig } from '../../config/types.js';
import type { Side } from './types.js';

export interface ABPlan {
  /** Paired blocks, even and >= MIN_BLOCKS (2 x rounds by default). */
  blocks: number;
  /** Measured length of each round (one side's turn in a block). */
  roundMs: number;
  /** Warm-up before a side's first round. */
  warmupMs: number;
  /** Short warm-up before every later round: new connections, caches after the idle turn. */
  rewarmMs: number;
  /**
   * Blocks added per extra look while a gated metric is undecided (even, so each stage is
   * whole ABBA pairs); 0 turns the sequential extension off.
   */
  stageBlocks: number;
}

/** Fewer blocks leave the paired t test with too few degrees of freedom to see 10%. */
export const MIN_BLOCKS = 4;
/** A/B load time relative to a stored run's rounds x duration. */
export const AB_TIME_FACTOR = 1.2;
/** Rounds shorter than this are mostly start-up and scheduling noise. */
const MIN_ROUND_MS = 200;

export function planAB(load: LoadConfig, overrides: Partial<ABPlan> = {}): ABPlan {
  const blocks = Math.max(MIN_BLOCKS, 2 * load.rounds);
  // Each side gets half of the time budget, in `blocks` rounds.
  const share = (AB_TIME_FACTOR / 2) * load.rounds * load.durationMs;
  // Staged open-model profiles are replayed whole; everything else uses shorter rounds.
  const roundMs =
    load.stages.length > 0
      ? load.durationMs
      : Math.max(Math.min(load.durationMs, MIN_ROUND_MS), Math.round(share / blocks));
  const plan: ABPlan = {
    blocks,
    roundMs,
    warmupMs: load.warmupMs,
    rewarmMs: Math.min(load.warmupMs, Math.round(roundMs / 10)),
    // Half the planned blocks per stage: small enough to stop soon after the answer is clear.
    stageBlocks: Math.max(2, 2 * Math.floor(blocks / 4)),
    ...overrides,
  };
  if (plan.blocks < 2 || plan.blocks % 2 !== 0) {
    throw new RangeError(`A/B needs an even number of blocks (>= 2), got ${plan.blocks}`);
  }
  if (plan.stageBlocks < 0 || plan.stageBlocks % 2 !== 0) {
    throw new RangeError(`A/B stages need an even number of blocks, got ${plan.stageBlocks}`);
  }
  return plan;
}

/** Time kept back from the budget for stopping both servers and writing the report. */
export const STOP_RESERVE_MS = 5_000;
/**
 * However much time is left, at most this many times the planned blocks: the planned look keeps
 * a fair share of alpha (at least alpha(1/3), 45% of it, with the Pocock-type spending).
 */
export const MAX_GROWTH = 3;

export interface BudgetInput {
  plan: ABPlan;
  /** From the first boot to the end of the planned blocks. */
  elapsedMs: number;
  /** What the planned blocks took (load, warm-ups and the gaps between turns). */
  plannedBlocksMs: number;
  /** gate.max-time */
  maxTimeMs: number;
}

/**
 * The most blocks the run may reach: the planned ones, plus as many whole stages as the time
 * left before `max-time` allows at the pace the planned blocks were measured at. Fixed before
 * the first look sees a result, so the looks' significance levels never depend on the data.
 */
export function maxBlocksWithin(input: BudgetInput): number {
  const { plan } = input;
  if (plan.stageBlocks === 0) return plan.blocks;
  const perBlockMs = input.plannedBlocksMs / plan.blocks;
  const leftMs = input.maxTimeMs - input.elapsedMs - STOP_RESERVE_MS;
  const stageMs = perBlockMs * plan.stageBlocks;
  const stages = stageMs > 0 ? Math.floor(leftMs / stageMs) : 0;
  const most = Math.floor(((MAX_GROWTH - 1) * plan.blocks) / plan.stageBlocks);
  return plan.blocks + plan.stageBlocks * Math.max(0, Math.min(most, stages));
}

/** Turn order of block i: A B for even i, B A for odd i (each pair of blocks is ABBA). */
export function abbaTurn(block: number): [Side, Side] {
  return block % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
}

/** Turn order per block: A B, B A, A B, ... */
export function abbaOrder(blocks: number): [Side, Side][] {
  return Array.from({ length: blocks }, (_, i) => abbaTurn(i));
}

/** Seconds of load and warm-up the plan costs (for the log line that announces it). */
export function plannedSeconds(plan: ABPlan): number {
  const turns = 2 * plan.blocks;
  return (2 * plan.warmupMs + (turns - 2) * plan.rewarmMs + turns * plan.roundMs) / 1000;
}
