/**
 * How an A/B run is laid out (pure). Base (A) and head (B) take turns receiving load, in
 * counterbalanced blocks A B | B A | A B | B A ... (B A | A B ... in every other boot pair, see
 * abbaTurn): any drift of the runner (another job's load, thermal or frequency changes) hits
 * both sides equally within each pair of blocks, so it cancels from the paired differences
 * (FIELD-NOTES 4, duet benchmarking).
 *
 * Boot pairs: two boots of the same code can differ for as long as they run (memory layout,
 * which worker the kernel hands the connections to), and every block of one boot shares that
 * offset, so blocks from one boot pair are not independent evidence about the code. The blocks
 * are therefore spread over several boot pairs (both sides booted afresh, warmed up, measured,
 * stopped): the planned blocks over two. stats/boot-level.ts makes the boot pair a level of the
 * analysis.
 *
 * Sequential stages: a look that leaves a gated metric undecided adds STAGE_PAIRS short boot
 * pairs of STAGE_PAIR_BLOCKS blocks (one ABBA each). When boots disagree (on the AMD VM,
 * Django's by 4.7% with address-space randomisation, 2.0% without: docs/benchmarks.md, "What
 * makes Django's boots differ"), only more boots narrow the interval, and a short pair buys a
 * boot for half the time a planned one takes; each look also costs alpha, so a stage holds two
 * of them. Seeded simulations (test/unit/stats/boot-level.test.ts): at the noisiest boots
 * measured a 10% slowdown is caught more often, with as many A/A false alarms, in the same time.
 *
 * Time budget: K blocks cost 2·K rounds. A/B spends about 1.2x the load time of a stored run
 * (rounds x duration), split into about 2 x rounds blocks, a multiple of 4 so that each of the
 * two boot pairs holds whole ABBA pairs (each side first equally often within a boot pair):
 * with the defaults (5 rounds of 10 s) 12 blocks of 2.5 s rounds, 60 s of load, so one gate
 * stays under 90 s from boot to verdict. Many short blocks beat few long ones for a paired
 * test: base and head run closer together in time, so drift and a neighbour's bursts cancel
 * better, and the t quantile shrinks with the degrees of freedom. Measured (docs/benchmarks.md,
 * Gate): 10 x 3 s gave narrower intervals than 6 x 5 s on the same shared machine (median A/A
 * width 3% against 10%).
 */
import type { LoadConfig } from '../../config/types.js';
import type { Side } from './types.js';

export interface ABPlan {
  /** Paired blocks, >= MIN_BLOCKS (about 2 x rounds, a multiple of 4, by default). */
  blocks: number;
  /** Measured length of each round (one side's turn in a block). */
  roundMs: number;
  /** Blocks per planned boot pair (base and head booted afresh); divides `blocks`. */
  bootBlocks: number;
  /** Warm-up of both sides at once after each boot pair starts (not measured). */
  warmupMs: number;
  /** Short warm-up before every round: new connections, caches after the idle turn. */
  rewarmMs: number;
  /** Add boot pairs while a gated metric is undecided (within gate.max-time); false: one look. */
  sequential: boolean;
}

/** Fewer blocks leave the paired t test with too few degrees of freedom to see 10%. */
export const MIN_BLOCKS = 4;
/** A/B load time relative to a stored run's rounds x duration. */
export const AB_TIME_FACTOR = 1.2;
/** Boot pairs each sequential stage adds. */
export const STAGE_PAIRS = 2;
/** Blocks per boot pair of a sequential stage: one ABBA. */
export const STAGE_PAIR_BLOCKS = 2;
/** Blocks each sequential stage adds. */
export const STAGE_BLOCKS = STAGE_PAIRS * STAGE_PAIR_BLOCKS;
/** Rounds shorter than this are mostly start-up and scheduling noise. */
const MIN_ROUND_MS = 200;

export function planAB(load: LoadConfig, overrides: Partial<ABPlan> = {}): ABPlan {
  const blocks = Math.max(MIN_BLOCKS, 4 * Math.ceil(load.rounds / 2));
  // Each side gets half of the time budget, in `blocks` rounds.
  const share = (AB_TIME_FACTOR / 2) * load.rounds * load.durationMs;
  // Staged open-model profiles are replayed whole; everything else uses shorter rounds.
  const roundMs =
    load.stages.length > 0
      ? load.durationMs
      : Math.max(Math.min(load.durationMs, MIN_ROUND_MS), Math.round(share / blocks));
  const total = overrides.blocks ?? blocks;
  const plan: ABPlan = {
    blocks,
    roundMs,
    // Two boot pairs for the first look (the fewest that show whether boots differ), each of
    // whole ABBA pairs; a block count that cannot be split so keeps one boot pair.
    bootBlocks: total % 4 === 0 ? total / 2 : total,
    warmupMs: load.warmupMs,
    rewarmMs: Math.min(load.warmupMs, Math.round(roundMs / 10)),
    sequential: true,
    ...overrides,
  };
  if (plan.blocks < 2 || plan.blocks % 2 !== 0) {
    throw new RangeError(`A/B needs an even number of blocks (>= 2), got ${plan.blocks}`);
  }
  if (!(plan.bootBlocks >= 2) || plan.bootBlocks % 2 !== 0 || plan.blocks % plan.bootBlocks !== 0) {
    throw new RangeError(
      `A/B boot pairs must split the ${plan.blocks} blocks into whole ABBA pairs, got ${plan.bootBlocks} per boot pair`,
    );
  }
  return plan;
}

/** Boot pairs the planned blocks take (before any sequential stage). */
export function plannedBootPairs(plan: ABPlan): number {
  return plan.blocks / plan.bootBlocks;
}

/**
 * The boot pair block `block` ran on (0-based): the planned pairs of `bootBlocks`, then the
 * sequential stages' pairs of STAGE_PAIR_BLOCKS.
 */
export function bootPairOf(plan: Pick<ABPlan, 'blocks' | 'bootBlocks'>, block: number): number {
  if (block < plan.blocks) return Math.floor(block / plan.bootBlocks);
  return plan.blocks / plan.bootBlocks + Math.floor((block - plan.blocks) / STAGE_PAIR_BLOCKS);
}

/** The boot pair of every block of `blocks` (the paired comparison's grouping). */
export function bootPairsOf(plan: Pick<ABPlan, 'blocks' | 'bootBlocks'>, blocks: number): number[] {
  return Array.from({ length: blocks }, (_, i) => bootPairOf(plan, i));
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
  /** From the first boot to the end of the planned boot pairs (boots, warm-ups, blocks, stops). */
  elapsedMs: number;
  /** gate.max-time */
  maxTimeMs: number;
}

/** One block's load: both sides' rounds, each after its re-warm-up. */
function blockMs(plan: ABPlan): number {
  return 2 * (plan.rewarmMs + plan.roundMs);
}

/**
 * What one sequential stage will take at the pace the planned boot pairs were measured at:
 * a planned pair's time less its blocks' load is what a boot pair costs by itself (boots,
 * joint warm-up, stops), paid once per stage pair.
 */
export function stageMs(plan: ABPlan, elapsedMs: number): number {
  const perPairMs = elapsedMs / plannedBootPairs(plan);
  const pairCostMs = Math.max(0, perPairMs - plan.bootBlocks * blockMs(plan));
  return STAGE_PAIRS * (pairCostMs + STAGE_PAIR_BLOCKS * blockMs(plan));
}

/**
 * The most blocks the run may reach: the planned ones, plus as many sequential stages as the
 * time left before `max-time` allows at the pace the planned ones were measured at. Fixed
 * before the first look sees a result, so the looks' significance levels never depend on the
 * data.
 */
export function maxBlocksWithin(input: BudgetInput): number {
  const { plan } = input;
  if (!plan.sequential) return plan.blocks;
  const perStageMs = stageMs(plan, input.elapsedMs);
  const leftMs = input.maxTimeMs - input.elapsedMs - STOP_RESERVE_MS;
  const stages = perStageMs > 0 ? Math.floor(leftMs / perStageMs) : 0;
  const most = Math.floor(((MAX_GROWTH - 1) * plan.blocks) / STAGE_BLOCKS);
  return plan.blocks + STAGE_BLOCKS * Math.max(0, Math.min(most, stages));
}

/**
 * Turn order of block i: A B | B A | A B ... in even boot pairs and B A | A B | B A ... in odd
 * ones. Within a boot pair (an even number of blocks) each pair of blocks is ABBA or BAAB, so
 * each side goes first equally often and a steady drift cancels. Across boot pairs the side
 * that takes the first turn after the joint warm-up alternates: that turn is measurably slower
 * (-2.3% RPS, +4.5% p95 over 90 boot pairs, docs/benchmarks.md "First turn"), and always giving
 * it to the base biased every run towards the head.
 */
export function abbaTurn(plan: Pick<ABPlan, 'blocks' | 'bootBlocks'>, block: number): [Side, Side] {
  return (block + bootPairOf(plan, block)) % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
}

/** Turn order per block, e.g. A B, B A, A B, B A | B A, A B, B A, A B for 8 blocks of 4. */
export function abbaOrder(plan: Pick<ABPlan, 'blocks' | 'bootBlocks'>): [Side, Side][] {
  return Array.from({ length: plan.blocks }, (_, i) => abbaTurn(plan, i));
}

/** Seconds of load and warm-up the plan costs (for the log line that announces it). */
export function plannedSeconds(plan: ABPlan): number {
  const warmups = plannedBootPairs(plan) * plan.warmupMs;
  return (warmups + plan.blocks * blockMs(plan)) / 1000;
}
