/** The action's logger: @actions/core lines, groups as collapsible sections of the job log. */
import type * as Core from '@actions/core';
import type { Logger } from '../log.js';

export function actionLogger(core: typeof Core): Logger {
  return {
    info: (m) => core.info(m),
    warn: (m) => core.warning(m),
    error: (m) => core.error(m),
    debug: (m) => core.debug(m),
    status: () => {}, // the job log cannot redraw a line
    group: (name, fn) => core.group(name, fn),
  };
}
