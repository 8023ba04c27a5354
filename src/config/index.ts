/**
 * The config room: loadgate.yml text, action inputs and CLI flags -> one validated Config.
 * Pure: no files, processes or network; the caller passes text, env and core count in.
 */
export type * from './types.js';
export type { ConfigContext } from './context.js';
export { parseConfigText } from './parse.js';
export { configFromInputs, CONFIG_INPUT_NAMES } from './inputs.js';
export { configFromTargetFlags } from './target-flags.js';
export type { ActionInputs, ConfigInputName } from './inputs.js';
export { applyCliOverrides, overrideLabel } from './overrides.js';
export type { CliOverrides, OverrideStyle } from './overrides.js';
export { parseDuration, parsePercent, formatDuration } from './units.js';
export { scenarioFingerprint, scenarioIdentity, canonicalJson } from './fingerprint.js';
export { parseTemplate, hasTemplate } from './template.js';
export type { TemplatePart } from './template.js';
export { autoWorkers } from './workers.js';
export {
  isLoopbackHost,
  isRemoteTarget,
  checkTarget,
  targetReadiness,
  ALLOW_REMOTE_KEY,
} from './target.js';
export { DEFAULTS } from './defaults.js';
export { parseShardSpec, parseStartAt, defaultStartAt, MAX_SHARDS } from './shard.js';
