/**
 * A baseline store could not be written (push rejected too often, no permission, disk full).
 * The pipeline turns it into a warning: a storage problem never fails a PR check.
 */
import { ExitCode, LoadgateError } from '../errors.js';

export class BaselineStoreError extends LoadgateError {
  constructor(message: string, code = 'LG_BASELINE_STORE', details: string[] = []) {
    super(code, message, ExitCode.internal, details);
  }
}
