/** The action's Config: a loadgate.yml (input `config`) and/or inline inputs, validated as one. */
import { readFile } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';
import os from 'node:os';
import { ConfigError } from '../errors.js';
import { CONFIG_INPUT_NAMES, configFromInputs, type ActionInputs } from '../config/index.js';
import type { Config } from '../config/types.js';

export async function loadActionConfig(
  getInput: (name: string) => string,
  env: Record<string, string | undefined>,
): Promise<Config> {
  const workspace = env.GITHUB_WORKSPACE ?? '.';
  const configInput = getInput('config');
  const inline: Record<string, string> = {};
  for (const name of CONFIG_INPUT_NAMES) if (name !== 'config') inline[name] = getInput(name);
  const hasInline = inline['command'] !== '' || inline['target'] !== '';
  // Without an explicit file, use ./loadgate.yml when it exists, unless inline inputs describe the API.
  const path = resolve(workspace, configInput || 'loadgate.yml');
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (configInput !== '' || !hasInline) {
      throw new ConfigError(
        `config file not found: ${path} (${(e as Error).message.split(':')[0]}); set the input "config", or give "command" (or "target") inline`,
        'LG_CONFIG_MISSING',
      );
    }
  }
  const inputs = { ...inline, config: configInput, configText: text } as ActionInputs;
  const config = configFromInputs(inputs, {
    source: text !== undefined ? path : 'action inputs',
    baseDir: text !== undefined ? dirname(path) : workspace,
    env,
    cores: os.availableParallelism(),
  });
  return withActionBaselineStore(config, getInput('baseline-branch'));
}

/**
 * A runner's workspace is thrown away after the job, so a baseline file there would never be
 * seen again: unless loadgate.yml names a store, the action keeps history on a git branch.
 */
export function withActionBaselineStore(config: Config, branchInput: string): Config {
  const b = config.baseline;
  if (b.store !== 'file' || b.isDefault !== true) return config;
  return {
    ...config,
    baseline: {
      store: 'branch',
      branch: branchInput || 'loadgate-baselines',
      remote: 'origin',
      history: b.history,
    },
  };
}
