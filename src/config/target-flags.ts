/**
 * The CLI without a config file: `--target URL [--path P]` loads an API that already runs on
 * this machine with GET requests to one path. Problems are named by the flag the user typed.
 */
import { ConfigError } from '../errors.js';
import type { ConfigContext } from './context.js';
import { applyCliOverrides } from './overrides.js';
import { configFromDocument, plainSource } from './parse.js';
import type { Config } from './types.js';

const COMMAND_LINE = 'command line';

export function configFromTargetFlags(
  flags: { target: string; path: string | null },
  ctx: ConfigContext,
): Config {
  const path = flags.path ?? '/';
  if (!path.startsWith('/')) {
    throw new ConfigError(
      `${COMMAND_LINE}: --path: expected a path starting with /, got ${JSON.stringify(path)}`,
    );
  }
  // A placeholder target keeps the document valid; the real one is checked as --target below.
  const doc = { target: 'http://127.0.0.1', requests: [{ path }] };
  const config = { ...configFromDocument(doc, plainSource(COMMAND_LINE, doc), ctx), source: null };
  return applyCliOverrides(config, { target: flags.target }, { ...ctx, source: COMMAND_LINE });
}
