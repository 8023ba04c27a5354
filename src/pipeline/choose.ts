/**
 * Which comparison a run makes (pure). compare: auto measures a pull request against its base on
 * the same runner whenever there is a base and a server to boot, and otherwise uses the stored
 * history; under auto a run that updates the baseline measures in stored mode (its rounds become
 * history). compare: base insists on A/B and falls back with a warning. Every case that ends in
 * stored mode although A/B could have been meant says why.
 */
import type { Config } from '../config/types.js';

export type Choice =
  | { kind: 'base'; ref: string }
  /**
   * `fallback`: A/B was asked for (compare: base) but cannot run, said as a warning; `note`:
   * why compare: auto measures in stored mode, said in the log.
   */
  | { kind: 'stored'; fallback: string | null; note: string | null };

export function chooseComparison(
  config: Config,
  options: { baseRef?: string | null; updateBaseline: boolean },
): Choice {
  const ref = options.baseRef?.trim() ?? '';
  const mode = config.compare;
  if (mode === 'stored') return { kind: 'stored', fallback: null, note: null };
  const why = (reason: string): Choice =>
    mode === 'base'
      ? { kind: 'stored', fallback: reason, note: null }
      : { kind: 'stored', fallback: null, note: reason };
  if (mode === 'auto' && options.updateBaseline) {
    return why('this run updates the stored baseline, so it is measured alone (stored mode)');
  }
  if (config.server === null) {
    return why(
      'a target cannot be booted at another commit, so it is compared with the stored history',
    );
  }
  if (ref === '') {
    return why(
      'no base commit to compare with on this runner (A/B runs on pull requests, or with --base REF)',
    );
  }
  return { kind: 'base', ref };
}
