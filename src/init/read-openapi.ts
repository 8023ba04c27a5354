/**
 * Reads an OpenAPI 3.x / Swagger 2 description (a file or an http(s) URL, JSON or YAML) and
 * resolves its `$ref`s with @readme/openapi-parser (ReadMe's maintained fork of swagger-parser;
 * it supports Node 20, which swagger-parser 13 no longer does). I/O edge of the init room.
 */
import { dereference } from '@readme/openapi-parser';
import { ConfigError } from '../errors.js';

const URL_TIMEOUT_MS = 20_000;

export async function readOpenApi(location: string): Promise<unknown> {
  try {
    return await dereference(location, {
      dereference: { circular: 'ignore' },
      resolve: { http: { timeout: URL_TIMEOUT_MS, redirects: 5 } },
    });
  } catch (e) {
    const message = (e as Error).message.split('\n')[0] ?? String(e);
    throw new ConfigError(
      `--from-openapi ${location}: cannot read the description: ${message}`,
      'LG_INIT_SOURCE',
    );
  }
}
