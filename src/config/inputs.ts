/**
 * The GitHub Action's inputs -> Config. Either a config file (the caller reads it and passes
 * its text), or the config-less simple case: boot `command` (or use `target`) and send GET
 * requests to `url-path`. Inline inputs given next to a file override the file's values.
 */
import { ConfigError } from '../errors.js';
import type { ConfigContext } from './context.js';
import { applyCliOverrides } from './overrides.js';
import { toServer } from './normalize.js';
import { configFromDocument, parseConfigText, plainSource } from './parse.js';
import type { Config } from './types.js';

/** The action inputs this module reads (action.yml), each a plain string; empty = not set. */
export const CONFIG_INPUT_NAMES = [
  'config',
  'command',
  'workers',
  'ready-path',
  'url-path',
  'target',
  'name',
  'rounds',
  'duration',
  'connections',
  'rate',
] as const;
export type ConfigInputName = (typeof CONFIG_INPUT_NAMES)[number];
export type ActionInputs = Partial<Record<ConfigInputName, string>> & {
  /** The text of the config file (input `config`, or ./loadgate.yml), read by the caller. */
  configText?: string;
};

/** How problems with inputs are labelled in messages. */
const INPUTS = 'action inputs';

const NOT_FOR_TARGET = 'applies to a server loadgate boots, not to target';

function checkPath(value: string, input: string): void {
  if (!value.startsWith('/')) {
    throw new ConfigError(
      `${INPUTS}: input "${input}": expected a path starting with /, got ${JSON.stringify(value)}`,
      { code: 'LG_INPUT' },
    );
  }
}

interface InlineServer {
  command?: string;
  readyPath?: string;
  urlPath?: string;
}

/** Inputs that replace parts of the file's server and requests (the rest go through overrides). */
function applyInlineServer(config: Config, inputs: InlineServer, cores: number): Config {
  const next = { ...config };
  if (inputs.command !== undefined) {
    // A file with target: plus an inline command boots the command instead, with defaults.
    const base =
      next.server ?? toServer({ command: inputs.command }, { baseDir: config.baseDir, cores });
    next.server = { ...base, command: inputs.command };
    next.target = null;
  }
  if (inputs.readyPath !== undefined) {
    if (!next.server) {
      throw new ConfigError(`${INPUTS}: input "ready-path": ${NOT_FOR_TARGET}`, {
        code: 'LG_INPUT',
      });
    }
    next.server = { ...next.server, ready: { ...next.server.ready, path: inputs.readyPath } };
  }
  if (inputs.urlPath !== undefined) {
    next.requests = [simpleRequest(inputs.urlPath)];
  }
  return next;
}

function simpleRequest(path: string): Config['requests'][number] {
  return {
    name: `GET ${path}`,
    method: 'GET',
    path,
    query: {},
    headers: {},
    body: { kind: 'none' },
    weight: 1,
    expect: { status: [], bodyContains: null },
  };
}

/**
 * Build the Config from action inputs. With a config file, `inputs.configText` holds its text
 * (the caller reads it) and `ctx` describes the file: `source` its path for messages, `baseDir`
 * its folder. Without one, `ctx.baseDir` is the working directory (the workspace). Problems
 * with the inputs themselves are labelled `action inputs: input "name"`.
 */
export function configFromInputs(inputs: ActionInputs, ctx: ConfigContext): Config {
  const get = (name: ConfigInputName) => inputs[name]?.trim() || undefined;
  const command = get('command');
  const target = get('target');
  const readyPath = get('ready-path');
  const urlPath = get('url-path');
  const fail = (message: string) => new ConfigError(`${INPUTS}: ${message}`, { code: 'LG_INPUT' });
  if (command !== undefined && target !== undefined) {
    throw fail(
      'inputs "command" and "target" exclude each other: boot a server, or load one that runs',
    );
  }
  if (readyPath !== undefined) checkPath(readyPath, 'ready-path');
  if (urlPath !== undefined) checkPath(urlPath, 'url-path');

  const file = get('config');
  let config: Config;
  if (inputs.configText !== undefined) {
    config = parseConfigText(inputs.configText, ctx);
    config = applyInlineServer(config, { command, readyPath, urlPath }, ctx.cores);
  } else if (file !== undefined) {
    throw fail(`input "config" names ${file}, but its text was not read (pass it as configText)`);
  } else {
    if (command === undefined && target === undefined) {
      throw fail(
        'set input "config" (a loadgate.yml), "command" (a server to boot) or "target" (an API already running on this machine)',
      );
    }
    if (readyPath !== undefined && command === undefined) {
      throw fail(`input "ready-path": ${NOT_FOR_TARGET}`);
    }
    const server =
      command === undefined ? undefined : { command, ...(readyPath ? { ready: readyPath } : {}) };
    // A placeholder target keeps the document valid; the real one is checked as an input below.
    const requests = [{ path: urlPath ?? '/' }];
    const doc = server ? { server, requests } : { target: 'http://127.0.0.1', requests };
    config = { ...configFromDocument(doc, plainSource(INPUTS, doc), ctx), source: null };
  }
  return applyCliOverrides(
    config,
    {
      target,
      name: get('name'),
      rounds: get('rounds'),
      duration: get('duration'),
      connections: get('connections'),
      rate: get('rate'),
      workers: get('workers'),
    },
    { ...ctx, source: INPUTS },
    'input',
  );
}
