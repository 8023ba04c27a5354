import assert from 'node:assert/strict';
import { ConfigError } from '../../../src/errors.js';
import type { ConfigContext } from '../../../src/config/context.js';
import { parseConfigText } from '../../../src/config/parse.js';
import type { Config } from '../../../src/config/types.js';

export const ctx: ConfigContext = {
  source: 'loadgate.yml',
  baseDir: '/repo/items-api',
  env: { API_TOKEN: 'secret', HOME: '/home/u' },
  cores: 2,
};

export function parse(text: string, extra: Partial<ConfigContext> = {}): Config {
  return parseConfigText(text, { ...ctx, ...extra });
}

/** Run fn, assert it throws a ConfigError, return it. */
export function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a ConfigError, nothing was thrown');
}

/** All problem lines of an error: the message's first line (without the count) and the details. */
export function problems(e: ConfigError): string[] {
  return [e.message.replace(/ \(and \d+ more problems?\)$/, ''), ...e.details];
}

/** The error of parsing `text`, asserting one of its lines matches. */
export function assertProblem(
  text: string,
  expected: RegExp,
  extra: Partial<ConfigContext> = {},
): string {
  const e = configError(() => parse(text, extra));
  const line = problems(e).find((l) => expected.test(l));
  assert.ok(line, `no problem matching ${String(expected)} in:\n${problems(e).join('\n')}`);
  return line;
}

/** A valid minimal config with `extra` YAML lines appended. */
export function minimal(extra = ''): string {
  return `server:\n  command: node server.js\nrequests:\n  - path: /api/items\n${extra}`;
}
