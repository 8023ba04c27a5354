/** The stats room's public surface (pure: numbers in, numbers out). */
export * from '../load/histogram.js';
export * from './describe.js';
export * from './tdist.js';
export * from './intervals.js';
export * from './resampling.js';
export * from './holm.js';
export * from './metrics.js';
export * from './rules.js';
export * from './select.js';
export * from './stored.js';
export * from './noise.js';
export * from './busy-runner.js';
export * from './steal.js';
export * from './evaluate.js';
export * from './paired.js';
export * from './compare.js';
export * from './sequential.js';
