/** Same-runner A/B: the base commit and this PR measured in turns on one runner. */
export {
  measureAgainstBase,
  sequentialRule,
  type ABOptions,
  type BaseDeps,
  type BaseMeasured,
} from './run-ab.js';
export {
  planAB,
  abbaOrder,
  abbaTurn,
  maxBlocksWithin,
  MAX_GROWTH,
  plannedSeconds,
  MIN_BLOCKS,
  type ABPlan,
} from './plan.js';
export {
  measureAB,
  type ABMeasurement,
  type Look,
  type SequentialRule,
  type SideMeasurement,
} from './measure-ab.js';
export {
  abReport,
  abNote,
  pairedComparison,
  type ABReport,
  type ABReportInput,
} from './report-ab.js';
export { baseConfigFor, mapIntoCheckout, withBaseServer, type BaseConfig } from './base-config.js';
export { checkoutBase, removeCheckout, type BaseCheckout } from './worktree.js';
export { BaseUnavailable, type Side } from './types.js';
