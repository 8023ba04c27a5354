/**
 * loadgate.yml text -> Config. Three passes, each reporting every problem it finds:
 * YAML syntax, then the shape (zod: types, units, unknown keys), then rules across keys.
 */
import { ConfigError } from '../errors.js';
import { checkConfig } from './checks.js';
import type { ConfigContext } from './context.js';
import type { IssueSource, PathSegment } from './issues.js';
import { issuesToError, throwIfIssues } from './issues.js';
import { normalize } from './normalize.js';
import { durationNotes } from './notes.js';
import { fileSchema } from './schema.js';
import type { Config } from './types.js';
import { parseYaml } from './yaml-source.js';
import { fromZodIssues, plainErrors } from './zod-issues.js';
import { readPath } from '../util/guards.js';

/** An IssueSource for data that has no file positions (built from inputs or flags). */
export function plainSource(label: string, value: unknown): IssueSource {
  return {
    label,
    locate: () => null,
    valueAt: (path: PathSegment[]) => readPath(value, path),
  };
}

/**
 * Top-level keys starting with `x-` are ignored (the docker-compose convention): a place for
 * YAML anchors shared by several requests, e.g. `x-headers: &headers { ... }`.
 */
function withoutExtensions(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-')));
}

/** Validate a document already read (YAML value or an object built from inputs). */
export function configFromDocument(
  value: unknown,
  source: IssueSource,
  ctx: ConfigContext,
): Config {
  const parsed = fileSchema.safeParse(withoutExtensions(value), { error: plainErrors });
  if (!parsed.success)
    throw issuesToError(fromZodIssues(parsed.error.issues, fileSchema, source), source);
  const { config, issues } = normalize(parsed.data, ctx);
  issues.push(...checkConfig(config, ctx.env));
  throwIfIssues(issues, source);
  const notes = durationNotes(value, source);
  return notes.length > 0 ? { ...config, notes } : config;
}

/** loadgate.yml larger than this is refused before it is parsed (a YAML parser can exhaust memory). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Refuses config text over MAX_CONFIG_BYTES, naming the file and the limit. */
export function checkConfigSize(text: string, label: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CONFIG_BYTES) {
    throw new ConfigError(
      `${label}: the config file is ${(bytes / 1024 / 1024).toFixed(1)} MiB, over the limit of ` +
        `${MAX_CONFIG_BYTES / 1024 / 1024} MiB; loadgate.yml describes a scenario, not data ` +
        '(put large request bodies or data sets in files: see data: in docs/configuration.md)',
      { code: 'LG_CONFIG_TOO_LARGE' },
    );
  }
}

/** Parse and validate loadgate.yml text. Throws ConfigError naming file:line:col and key. */
export function parseConfigText(text: string, ctx: ConfigContext): Config {
  checkConfigSize(text, ctx.source);
  const { value, source } = parseYaml(text, ctx.source);
  if (value === undefined || value === null) {
    throw new ConfigError(
      `${ctx.source}:1:1: the file is empty: expected server: (or target:) and requests:`,
    );
  }
  return configFromDocument(value, source, ctx);
}
