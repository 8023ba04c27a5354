/**
 * An `inconclusive` that says why and what would decide it: the smallest change the run could
 * detect next to the tolerance, and the next step (compare with the base on this runner, more
 * history, more time for A/B blocks, more rounds). Pure.
 */
import type { GateConfig } from '../config/types.js';
import type { Advice, MetricName, NextStep } from './types.js';
import type { TInterval } from './intervals.js';
import type { BootLevelTest } from './boot-level.js';
import { minDetectableLogChange } from './noise.js';
import { badness, logTolerance, METRIC_RULES } from './rules.js';
import { count, percent } from '../util/format.js';

export interface AdviceContext {
  method: 'prediction' | 'assumed-spread' | 'paired' | 'none';
  /** loadgate boots the server, so the base commit could be measured next to it. */
  canCompareWithBase: boolean;
  baselineRuns: number;
  /** Paired: the most blocks gate.max-time allowed (null: not known). */
  maxBlocks?: number | null;
  /** Paired: seconds one more block costs (its share of a stage: boots, warm-up, rounds). */
  blockSeconds?: number | null;
  /** Paired: blocks each sequential stage adds; more blocks come in whole stages. */
  stageBlocks?: number | null;
  gate: GateConfig;
  /** The level the first Holm step tested at (alpha / gated tests). */
  alpha: number;
}

export interface UndecidedMetric {
  scope: string | null;
  metric: MetricName;
  test: TInterval | null;
  /** Paired over boot pairs: whether the pairs' disagreement set the interval. */
  boots?: BootLevelTest | null;
}

/** Past this many times the blocks already run, more blocks are no practical answer. */
const PRACTICAL_BLOCKS_FACTOR = 8;

/** Smallest change (relative, positive) the test could detect with 80% power. */
export function smallestDetectable(
  test: TInterval,
  metric: MetricName,
  alpha: number,
): number | null {
  const d = minDetectableLogChange(test.se, test.df, alpha);
  if (d === null) return null;
  return METRIC_RULES[metric].scale === 'absolute'
    ? d
    : METRIC_RULES[metric].direction === 'higher-is-better'
      ? 1 - Math.exp(-d)
      : Math.exp(d) - 1;
}

/**
 * Blocks a paired test would need for its interval to leave the tolerance's edge: the
 * interval's half-width shrinks with the square root of the blocks.
 */
function blocksToDecide(
  test: TInterval,
  metric: MetricName,
  gate: GateConfig,
  blocks: number,
): number {
  const rule = METRIC_RULES[metric];
  const limit = logTolerance(rule.direction, rule.tolerance(gate));
  const distance = Math.abs(badness(rule.direction, test.estimate) - limit);
  const half = (test.high - test.low) / 2;
  if (distance === 0) return Infinity;
  return Math.ceil(blocks * (half / distance) ** 2);
}

function toleranceText(metric: MetricName, gate: GateConfig): string {
  const rule = METRIC_RULES[metric];
  const t = rule.tolerance(gate);
  if (rule.scale === 'absolute') return `the ${percent(t)} ceiling`;
  return `the ${rule.direction === 'higher-is-better' ? '-' : '+'}${percent(t)} tolerance`;
}

const GATE_KEY: Record<MetricName, string> = {
  rps: 'gate.rps',
  p50: 'gate.p95',
  p95: 'gate.p95',
  p99: 'gate.p95',
  errorRate: 'gate.errors',
};

function step(nextStep: NextStep, why: string, todo: string): Pick<Advice, 'nextStep' | 'text'> {
  return { nextStep, text: `${why} ${todo}` };
}

function storedStep(
  u: UndecidedMetric,
  ctx: AdviceContext,
  could: string,
): Pick<Advice, 'nextStep' | 'text'> {
  const runs = count(ctx.baselineRuns, 'stored run');
  if (ctx.canCompareWithBase) {
    return step(
      'compare-with-base',
      `Against ${runs} from other jobs ${could}.`,
      'To decide, measure the base commit next to this one on the same runner: compare: auto does it on pull requests (locally: loadgate run --base REF); its intervals are several times narrower.',
    );
  }
  if (ctx.method === 'assumed-spread') {
    return step(
      'more-history',
      `Against ${runs} ${could}, because a runner-to-runner spread has to be assumed.`,
      'To decide, store more runs of the default branch (3 or more give the history its own spread), or point loadgate at a server it can boot, so the base can be measured next to it.',
    );
  }
  return step(
    'more-rounds',
    `Against ${runs} ${could}.`,
    `To decide, run more or longer rounds (load.rounds, load.duration) on a quieter runner, or let loadgate boot the server so the base can be measured next to it.`,
  );
}

export function adviceFor(u: UndecidedMetric, ctx: AdviceContext): Advice {
  const { gate } = ctx;
  const tolerance = METRIC_RULES[u.metric].tolerance(gate);
  const smallest = u.test ? smallestDetectable(u.test, u.metric, ctx.alpha) : null;
  const label = METRIC_RULES[u.metric].label;
  const subject = u.scope === null ? label : `${label} of "${u.scope}"`;
  const base = {
    metric: u.metric,
    endpoint: u.scope,
    smallestDetectableChange: smallest,
    tolerance,
  };
  if (u.metric === 'errorRate') {
    return {
      ...base,
      ...step(
        'more-rounds',
        `The error rate${u.scope === null ? '' : ` of "${u.scope}"`} stayed under ${toleranceText(u.metric, gate)} overall but came in bursts, so a higher rate cannot be ruled out.`,
        'More or longer rounds tell a steady rate from a burst; the errors by kind in the report show what failed.',
      ),
    };
  }
  const could =
    smallest === null
      ? `this run could not measure the noise of ${subject}`
      : `this run could only detect changes of ${subject} of about ±${percent(smallest)}, against ${toleranceText(u.metric, gate)}`;
  if (ctx.method !== 'paired') return { ...base, ...storedStep(u, ctx, could) };
  const blocks = ctx.baselineRuns;
  const needed = u.test ? blocksToDecide(u.test, u.metric, gate, blocks) : Infinity;
  const practical = needed <= PRACTICAL_BLOCKS_FACTOR * blocks;
  const boots = u.boots?.bootsDominate
    ? `The ${u.boots.pairs} boot pairs disagreed more than their blocks' noise explains: the same code measured differently from boot to boot (their means spread by about ±${percent(u.boots.bootSpread ?? 0)}). Every boot gets its own memory layout (address-space randomisation), which can move a server's speed by a few percent for as long as it runs; only more boot pairs average that out. Workers sharing one listening socket are another common cause (the kernel hands them connections unevenly, differently from boot to boot); giving each worker its own port (workers: N) avoids it.`
    : null;
  if (!practical && boots) {
    return { ...base, ...step('more-time', `In ${blocks} blocks ${could}.`, boots) };
  }
  if (!practical) {
    return {
      ...base,
      ...step(
        'accept-or-tighten',
        `In ${blocks} blocks ${could}; the change lies so close to the tolerance that many times more blocks would be needed to tell on which side it is.`,
        `A change of this size is about what ${GATE_KEY[u.metric]} allows: if it matters, tighten ${GATE_KEY[u.metric]}; otherwise this result can be accepted.`,
      ),
    };
  }
  const unit = Math.max(2, ctx.stageBlocks ?? 2);
  const more = unit * Math.max(1, Math.ceil((needed - blocks) / unit));
  const seconds = ctx.blockSeconds ? Math.ceil(more * ctx.blockSeconds) : null;
  const budget =
    seconds === null
      ? ''
      : ` (about ${seconds}s more: raise gate.max-time from ${Math.round(gate.maxTimeMs / 1000)}s to about ${Math.ceil(gate.maxTimeMs / 1000 + seconds)}s)`;
  return {
    ...base,
    ...step(
      'more-time',
      `In ${blocks} blocks ${could}, and gate.max-time allowed no more.`,
      `About ${more} more blocks would decide it${budget}.${boots ? ` ${boots}` : ''}`,
    ),
  };
}
