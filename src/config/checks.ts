/**
 * Rules across keys, on the finished Config (so they hold after CLI/action overrides too).
 * Issue paths use the file's key names.
 */
import type { Issue } from './issues.js';
import { checkTemplates } from './template-checks.js';
import type { Config } from './types.js';

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function checkLoad(config: Config, issues: Issue[]): void {
  const { load } = config;
  if (load.model === 'closed') {
    if (load.rate !== null) {
      issues.push({
        path: ['load', 'rate'],
        at: 'key',
        message:
          'rate applies to model: open (the closed model sends as fast as its connections allow)',
      });
    }
    if (load.stages.length > 0) {
      issues.push({ path: ['load', 'stages'], at: 'key', message: 'stages apply to model: open' });
    }
  } else if (load.rate === null && load.stages.length === 0) {
    issues.push({
      path: ['load', 'model'],
      message: 'the open model needs rate: (requests per second) or stages:',
      showGot: false,
    });
  }
}

function checkServer(config: Config, issues: Issue[]): void {
  const server = config.server;
  if (server && server.socket === 'shared' && server.workers.mode === 'self') {
    issues.push({
      path: ['server', 'socket'],
      message:
        'socket: shared needs workers: N or auto (loadgate starts the copies and hands them the socket)',
    });
  }
  if (config.compare === 'base' && config.target !== null) {
    issues.push({
      path: ['compare'],
      message:
        'compare: base boots the base commit next to this one: it needs server:, not target:',
    });
  }
}

function checkNames(config: Config, issues: Issue[]): void {
  for (const list of ['setup', 'requests'] as const) {
    const seen = new Map<string, number>();
    config[list].forEach((request, i) => {
      const first = seen.get(request.name);
      if (first === undefined) {
        seen.set(request.name, i);
        return;
      }
      issues.push({
        path: [list, i, 'name'],
        showGot: false,
        message: `duplicate name "${request.name}" (also ${list}[${first}]): names label per-endpoint results; set name: to tell them apart`,
      });
    });
  }
  for (const name of Object.keys(config.vars)) {
    if (!VAR_NAME.test(name)) {
      issues.push({
        path: ['vars', name],
        at: 'key',
        showGot: false,
        message: 'variable names are letters, digits, _ and -',
      });
    }
  }
}

/** Every cross-key rule; an empty list means the config is usable. */
export function checkConfig(config: Config, env: Record<string, string | undefined>): Issue[] {
  const issues: Issue[] = [];
  checkLoad(config, issues);
  checkServer(config, issues);
  checkNames(config, issues);
  issues.push(...checkTemplates(config, env));
  return issues;
}
