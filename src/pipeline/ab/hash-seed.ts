/**
 * One hash seed per boot pair (pure). Python salts its str and bytes hashes with a random seed
 * per process (PYTHONHASHSEED), so two boots of the same code lay out their dicts and sets
 * differently, and on the Django example that moved throughput by several percent from boot
 * to boot (docs/benchmarks.md, "Django's boots and the hash seed"). Both sides of a boot pair
 * get the same seed, so its effect cancels in their paired difference; each pair gets another,
 * so the verdict covers many seeds, not one lucky one (pyperf averages over seeds for the same
 * reason). A seed the runner's environment or either side's server.env sets is left alone.
 * Other runtimes ignore the variable.
 */
import type { ServerConfig } from '../../config/types.js';
import type { Side } from './types.js';

export const HASH_SEED_VAR = 'PYTHONHASHSEED';
/** Python takes 0..4294967295; 0 turns the salt off, so it is never chosen. */
export const MAX_HASH_SEED = 4_294_967_295;

/** Where a hash seed is already set, or null when loadgate chooses them. */
export function givenHashSeed(
  env: Record<string, string | undefined>,
  configs: Record<Side, ServerConfig>,
): string | null {
  if (env[HASH_SEED_VAR] !== undefined)
    return `the environment (${HASH_SEED_VAR}=${env[HASH_SEED_VAR]})`;
  for (const side of ['base', 'head'] as const) {
    const value = configs[side].env[HASH_SEED_VAR];
    if (value !== undefined) return `the ${side}'s server.env (${HASH_SEED_VAR}=${value})`;
  }
  return null;
}

/**
 * The seed of boot pair `pair`, counting on from the run's first (random) seed: every pair of
 * a run gets a different one.
 */
export function pairHashSeed(firstSeed: number, pair: number): number {
  return ((firstSeed - 1 + pair) % MAX_HASH_SEED) + 1;
}

export function withHashSeed(config: ServerConfig, seed: number): ServerConfig {
  return { ...config, env: { ...config.env, [HASH_SEED_VAR]: String(seed) } };
}
