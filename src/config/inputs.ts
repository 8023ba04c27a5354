/**
 * The GitHub Action's inputs -> Config. Either a config file (the caller reads it and passes
 * its text), or the config-less simple case: boot `command` (or use `target`) and send GET
 * requests to `url-path`. Inline inputs given next to a file override the file's values.
 */
import { dirname, resolve } from 'node:path';
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
export type ActionInputs = Partial<Record<ConfigInputName, string>>;

const NOT_FOR_TARGET = 'applies to a server loadgate boots, not to target';

function checkPath(value: string, input: string, source: string): void {
  if (!value.startsWith('/')) {
    throw new ConfigError(
      `${source}: input "${input}": expected a path starting with /, got ${JSON.stringify(value)}`,
    );
  }
}

interface InlineServer {
  command?: string;
  readyPath?: string;
  urlPath?: string;
}

/** Inputs that replace parts of the file's server and requests (the rest go through overrides). */
function applyInlineServer(config: Config, inputs: InlineServer, ctx: ConfigContext): Config {
  const next = { ...config };
  if (inputs.command !== undefined) {
    // A file with target: plus an inline command boots the command instead, with defaults.
    const base =
      next.server ??
      toServer({ command: inputs.command }, { baseDir: config.baseDir, cores: ctx.cores });
    next.server = { ...base, command: inputs.command };
    next.target = null;
  }
  if (inputs.readyPath !== undefined) {
    if (!next.server) throw new ConfigError(`${ctx.source}: input "ready-path": ${NOT_FOR_TARGET}`);
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
 * Build the Config from action inputs. `ctx.baseDir` is the working directory (the workspace);
 * `ctx.source` labels messages about inputs (e.g. `action inputs`). With `config` set,
 * `configText` must hold that file's text; its folder becomes the base for its paths.
 */
export function configFromInputs(
  inputs: ActionInputs,
  ctx: ConfigContext,
  configText: string | null = null,
): Config {
  const get = (name: ConfigInputName) => inputs[name]?.trim() || undefined;
  const command = get('command');
  const target = get('target');
  const readyPath = get('ready-path');
  const urlPath = get('url-path');
  if (command !== undefined && target !== undefined) {
    throw new ConfigError(
      `${ctx.source}: inputs "command" and "target" exclude each other: boot a server, or load one that runs`,
    );
  }
  if (readyPath !== undefined) checkPath(readyPath, 'ready-path', ctx.source);
  if (urlPath !== undefined) checkPath(urlPath, 'url-path', ctx.source);

  const file = get('config');
  let config: Config;
  if (file !== undefined) {
    if (configText === null) {
      throw new ConfigError(
        `${ctx.source}: input "config" names ${file}, but its text was not read`,
      );
    }
    config = parseConfigText(configText, {
      ...ctx,
      source: file,
      baseDir: dirname(resolve(ctx.baseDir, file)),
    });
    config = applyInlineServer(config, { command, readyPath, urlPath }, ctx);
  } else {
    if (command === undefined && target === undefined) {
      throw new ConfigError(
        `${ctx.source}: set input "config" (a loadgate.yml), "command" (a server to boot) or "target" (an API already running on this machine)`,
      );
    }
    if (readyPath !== undefined && command === undefined) {
      throw new ConfigError(`${ctx.source}: input "ready-path": ${NOT_FOR_TARGET}`);
    }
    const server =
      command === undefined ? undefined : { command, ...(readyPath ? { ready: readyPath } : {}) };
    // A placeholder target keeps the document valid; the real one is checked as an input below.
    const doc = server
      ? { server, requests: [{ path: urlPath ?? '/' }] }
      : { target: 'http://127.0.0.1', requests: [{ path: urlPath ?? '/' }] };
    config = { ...configFromDocument(doc, plainSource(ctx.source, doc), ctx), source: null };
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
    ctx,
    'input',
  );
}
