/**
 * The base side's Config. Both sides receive the PR's scenario (requests, load, data), so the
 * comparison is like for like; only the server section comes from the base: the base's own
 * loadgate.yml at the same place in the repository when it has one (the PR may have changed
 * the command, the workers or the setup), otherwise the PR's server section with its folder
 * mapped into the base checkout. Either way the command runs inside the base checkout, so the
 * base's code is what is measured.
 */
import { existsSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { Config, ServerConfig, WorkersSpec } from '../../config/types.js';
import type { Logger } from '../../log.js';
import { parseConfigText, scenarioFingerprint } from '../../config/index.js';
import type { BaseCheckout } from './worktree.js';
import { BaseUnavailable } from './types.js';
import { errorMessage } from '../../errors.js';

export interface BaseConfig {
  config: Config;
  /** Where its server section came from, for the log. */
  from: string;
  warnings: string[];
}

export interface BaseConfigDeps {
  log: Logger;
  env: Record<string, string | undefined>;
  cores: number;
  /** Workers from the command line or an action input: they win over the base file's too. */
  workersOverride?: WorkersSpec | null;
}

/** `path` (inside the PR's checkout) at the same place in the base checkout; null if outside. */
export function mapIntoCheckout(path: string, checkout: BaseCheckout): string | null {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : p);
  const rel = relative(real(checkout.repoRoot), real(path));
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  return join(checkout.dir, rel);
}

/** The head's config with the base's server section; logs go next to the head's, under `base/`. */
export function withBaseServer(head: Config, server: ServerConfig): Config {
  const logRoot = head.server?.logDir ?? server.logDir;
  return { ...head, server: { ...server, logDir: join(logRoot, 'base') }, target: null };
}

function mappedServer(server: ServerConfig, checkout: BaseCheckout): ServerConfig {
  const cwd = mapIntoCheckout(server.cwd, checkout);
  if (cwd === null) {
    // Running the same folder on both sides would compare the PR with itself.
    throw new BaseUnavailable(
      `server.cwd ${server.cwd} is outside the repository ${checkout.repoRoot}, so the base's code cannot be started from it`,
    );
  }
  return { ...server, cwd };
}

async function parsedBase(
  path: string,
  label: string,
  deps: BaseConfigDeps,
): Promise<Config | string> {
  try {
    const text = await readFile(path, 'utf8');
    return parseConfigText(text, {
      source: label,
      baseDir: dirname(path),
      env: deps.env,
      cores: deps.cores,
    });
  } catch (e) {
    return `the base's ${label} cannot be used (${errorMessage(e)}); the base is started with this PR's server settings`;
  }
}

export async function baseConfigFor(
  head: Config,
  checkout: BaseCheckout,
  deps: BaseConfigDeps,
): Promise<BaseConfig> {
  if (!head.server) throw new BaseUnavailable('compare: base needs a server to boot, not a target');
  const warnings: string[] = [];
  const sha = checkout.commit.slice(0, 12);
  const basePath =
    head.source !== null && isAbsolute(head.source) ? mapIntoCheckout(head.source, checkout) : null;
  if (basePath !== null && existsSync(basePath)) {
    const label = `${sha}:${relative(checkout.dir, basePath)}`;
    const parsed = await parsedBase(basePath, label, deps);
    if (typeof parsed === 'string') {
      warnings.push(parsed);
    } else if (parsed.server === null) {
      warnings.push(
        `the base's ${label} has no server section; the base is started with this PR's server settings`,
      );
    } else {
      const server = deps.workersOverride
        ? { ...parsed.server, workers: deps.workersOverride }
        : parsed.server;
      const config = withBaseServer(head, server);
      if (
        // The head's load (CLI flags may have overridden the file's) drives both sides anyway.
        scenarioFingerprint({ ...parsed, load: head.load }) !== scenarioFingerprint(config)
      ) {
        warnings.push(
          `this PR changes the scenario in ${relative(checkout.dir, basePath)}; both sides were measured with this PR's requests and load`,
        );
      }
      return { config, from: label, warnings };
    }
  }
  const server = mappedServer(head.server, checkout);
  return {
    config: withBaseServer(head, server),
    from: `this PR's server settings, run in ${server.cwd}`,
    warnings,
  };
}
