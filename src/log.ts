/**
 * The logger every room receives (never a global). The CLI prints to stderr; the action maps
 * these onto @actions/core (groups become collapsible sections in the job log).
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** A live status line (terminal only); loggers that cannot redraw ignore it. */
  status(line: string): void;
  /** Run `fn` inside a named, collapsible section. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** A logger that keeps lines in memory: for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    debug: () => {},
    status: () => {},
    group: async (name, fn) => {
      lines.push(`## ${name}`);
      return fn();
    },
  };
}
