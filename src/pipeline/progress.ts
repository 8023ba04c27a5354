/** Turns the engine's progress callbacks into log lines: one per round, a live line in a terminal. */
import type { Config } from '../config/types.js';
import type { LoadProgress, RoundResult } from '../load/types.js';
import type { Logger } from '../log.js';
import { roundMetrics } from '../stats/index.js';
import { formatCount, formatPercent } from '../util/format.js';

export function formatRoundLine(round: RoundResult, total: number): string {
  const m = roundMetrics(round);
  const bound = round.generator.bound ? ` [generator-bound: ${round.generator.reason ?? ''}]` : '';
  return (
    `round ${round.index + 1}/${total}: ${formatCount(m.rps)} req/s, p50 ${m.p50.toFixed(2)} ms, ` +
    `p95 ${m.p95.toFixed(2)} ms, errors ${round.errors} (${formatPercent(m.errorRate, 2)})${bound}`
  );
}

export function progressLogger(config: Config, log: Logger): LoadProgress {
  const total = config.load.rounds;
  const what =
    config.load.model === 'open'
      ? `open model at ${config.load.rate ?? 'staged'} req/s`
      : `${config.load.connections} connections`;
  return {
    onPhase(phase, index) {
      if (phase === 'setup') log.info('running setup requests');
      if (phase === 'warmup') log.info(`warm-up for ${config.load.warmupMs / 1000}s (${what})`);
      if (phase === 'round' && index === 0)
        log.info(`measuring ${total} rounds of ${config.load.durationMs / 1000}s (${what})`);
    },
    onTick(info) {
      const rps = info.elapsedMs > 0 ? (info.requests * 1000) / info.elapsedMs : 0;
      log.status(
        `round ${info.round + 1}/${total} ${(info.elapsedMs / 1000).toFixed(0)}s: ${formatCount(rps)} req/s, ${info.errors} errors`,
      );
    },
    onRoundDone(round) {
      log.info(formatRoundLine(round, total));
    },
    onWarning(message) {
      log.warn(message);
    },
  };
}
