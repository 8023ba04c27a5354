/**
 * Reading a server command the way /bin/sh will (pure): the program it runs, and an `exec` form
 * so that the shell becomes the program (dash does not exec a lone command by itself). With the
 * shell out of the way the pid we spawn is the server's: it gets the parent-death signal,
 * LISTEN_PID names it, and its exit code is the server's.
 */

/** Shell words that are not programs on PATH; a command starting with one is left alone. */
const SHELL_WORDS = new Set(
  (
    'cd exec export set unset . source eval test [ true false : ulimit umask trap wait read ' +
    'if for while case until { ( ! command builtin type alias echo printf'
  ).split(' '),
);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Anything that makes a command more than one simple command (`${PORT}` braces do not). */
const COMPOUND = /[;&|\n`()<>]/;

/** The program a simple shell command runs: the first word after `VAR=value` assignments. */
export function programOf(command: string): string | null {
  for (const word of command.trim().split(/\s+/)) {
    if (ASSIGNMENT.test(word)) continue;
    if (SHELL_WORDS.has(word)) return null;
    // Quotes, expansions, globs: leave it to the shell.
    return /^[\w./+@%,-]+$/.test(word) ? word : null;
  }
  return null;
}

/** `A=1 gunicorn app` -> `A=1 exec gunicorn app`; compound or unusual commands are unchanged. */
export function execForm(command: string): string {
  const trimmed = command.trim();
  if (COMPOUND.test(trimmed) || programOf(trimmed) === null) return command;
  const words = trimmed.split(/\s+/);
  const assignments: string[] = [];
  while (words.length > 0 && ASSIGNMENT.test(words[0] as string))
    assignments.push(words.shift() as string);
  // Re-join the rest from the original text so quoting inside arguments is kept.
  const restStart = assignments.reduce((at, a) => trimmed.indexOf(a, at) + a.length, 0);
  const rest = trimmed.slice(restStart).trim();
  return [...assignments, 'exec', rest].join(' ');
}
