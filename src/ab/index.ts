/** Same-runner A/B (compare: base): the base commit and this PR measured in turns on one runner. */
export { runAB, type ABOptions } from './run-ab.js';
export { planAB, abbaOrder, plannedSeconds, MIN_BLOCKS, type ABPlan } from './plan.js';
export { measureAB, type ABMeasurement, type SideMeasurement } from './measure-ab.js';
export { abReport, abNote, type ABReport, type ABReportInput } from './report-ab.js';
export { baseConfigFor, mapIntoCheckout, withBaseServer, type BaseConfig } from './base-config.js';
export { checkoutBase, removeCheckout, type BaseCheckout } from './worktree.js';
export { BaseUnavailable, type Side, type StoredPath } from './types.js';
