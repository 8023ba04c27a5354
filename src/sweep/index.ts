/** `loadgate sweep`: how many workers? Measured at each count, with a recommendation. */
export type * from './types.js';
export { sweep, type SweepDeps, type SweepOptions, type SweepOutcome } from './run-sweep.js';
export {
  sweepableServer,
  configForPoint,
  defaultWorkerCounts,
  parseConnectionList,
  parseWorkerList,
  resolveCpus,
  sweepOptionsFromText,
} from './plan.js';
export { allowedCpus } from './affinity.js';
export { recommend, RPS_BAND, type RecommendOptions } from './recommend.js';
export { findKnee } from './knee.js';
export { renderSweepText } from './render-text.js';
export { renderSweepMarkdown, renderSweepJson } from './render-markdown.js';
