/**
 * A baseline store could not be written (push rejected too often, no permission, disk full).
 * The pipeline turns it into a warning: a storage problem never fails a PR check.
 */
import { ExitCode, LoadgateError, type LoadgateErrorOptions } from '../errors.js';

export class BaselineStoreError extends LoadgateError {
  constructor(message: string, options?: LoadgateErrorOptions) {
    super(message, { code: 'LG_BASELINE_STORE', exitCode: ExitCode.internal }, options);
  }
}
