/** The CLI's logger: progress to stderr (the report goes to stdout), a live line on a terminal. */
import type { Logger } from '../log.js';

export interface ConsoleLoggerOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  quiet: boolean;
  debug: boolean;
}

export function consoleLogger({ stream, quiet, debug }: ConsoleLoggerOptions): Logger {
  let statusShown = false;
  const live = stream.isTTY === true && !quiet;
  const clearStatus = () => {
    if (statusShown) stream.write('\r\x1b[K');
    statusShown = false;
  };
  const line = (text: string) => {
    clearStatus();
    stream.write(`${text}\n`);
  };
  return {
    info: (m) => {
      if (!quiet) line(m);
    },
    warn: (m) => line(`warning: ${m}`),
    error: (m) => line(`error: ${m}`),
    debug: (m) => {
      if (debug) line(`debug: ${m}`);
    },
    status: (m) => {
      if (!live) return;
      stream.write(`\r\x1b[K${m}`);
      statusShown = true;
    },
    group: async (name, fn) => {
      if (!quiet) line(`▸ ${name}`);
      return fn();
    },
  };
}
