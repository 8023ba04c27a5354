/** The baseline room: the stored record and the stores (file, git branch). */
import type { BaselineStoreConfig } from '../config/types.js';
import type { Logger } from '../log.js';
import { GitBranchBaselineStore } from './branch-store.js';
import { FileBaselineStore } from './file-store.js';
import type { BaselineStore } from './types.js';

export * from './types.js';
export { BaselineStoreError } from './errors.js';
export { FileBaselineStore, BASELINE_FILE_SCHEMA, type FileStoreDeps } from './file-store.js';
export { GitBranchBaselineStore, type GitBranchStoreOptions } from './branch-store.js';
export { seriesFileName } from './names.js';
export { appendEntry, decodeSeries, parseSeriesText } from './series.js';

export interface StoreDeps {
  log: Logger;
  /** Where the checkout is (branch store); file paths in the config are already absolute. */
  cwd: string;
  git?: string;
  env?: Record<string, string | undefined>;
}

export function createStore(config: BaselineStoreConfig, deps: StoreDeps): BaselineStore {
  if (config.store === 'file') return new FileBaselineStore(config.file, { log: deps.log });
  return new GitBranchBaselineStore({
    repoDir: deps.cwd,
    branch: config.branch,
    remote: config.remote,
    git: deps.git,
    log: deps.log,
    env: deps.env,
  });
}
