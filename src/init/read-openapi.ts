/**
 * Reads an OpenAPI 3.x / Swagger 2 description (a file or an http(s) URL, JSON or YAML) and
 * resolves its `$ref`s with @readme/openapi-parser (ReadMe's maintained fork of swagger-parser;
 * it supports Node 20, which swagger-parser 13 no longer does). I/O edge of the init room.
 *
 * A URL is fetched here, not by the parser: its resolver refuses loopback and private
 * addresses (an SSRF guard), and loopback is where a local API serves its description.
 */
import { dereference } from '@readme/openapi-parser';
import { parse as parseYaml } from 'yaml';
import { ConfigError, errorMessage } from '../errors.js';

const URL_TIMEOUT_MS = 20_000;

type ApiDocument = Parameters<typeof dereference>[0];

async function fetchDocument(url: string): Promise<ApiDocument> {
  const res = await fetch(url, { signal: AbortSignal.timeout(URL_TIMEOUT_MS), redirect: 'follow' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const text = await res.text();
  const value: unknown = /^\s*[{[]/.test(text) ? JSON.parse(text) : parseYaml(text);
  if (value === null || typeof value !== 'object') throw new Error('not a JSON or YAML document');
  return value as ApiDocument; // checked by the parser and by draftFromOpenApi
}

export async function readOpenApi(location: string): Promise<unknown> {
  try {
    const source = /^https?:\/\//i.test(location) ? await fetchDocument(location) : location;
    return await dereference(source, { dereference: { circular: 'ignore' } });
  } catch (e) {
    const message = errorMessage(e).split('\n')[0] ?? String(e);
    throw new ConfigError(`--from-openapi ${location}: cannot read the description: ${message}`, {
      code: 'LG_INIT_SOURCE',
    });
  }
}
