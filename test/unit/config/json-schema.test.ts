import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { configJsonSchema } from '../../../src/config/json-schema.js';

const REGENERATE =
  "node --import tsx -e \"import('./src/config/json-schema.ts').then(m => process.stdout.write(JSON.stringify(m.configJsonSchema(), null, 2) + '\\n'))\" > loadgate.schema.json && npx prettier --write loadgate.schema.json";

test('loadgate.schema.json is the schema generated from the validator', () => {
  const committed: unknown = JSON.parse(
    readFileSync(new URL('../../../loadgate.schema.json', import.meta.url), 'utf8'),
  );
  assert.deepEqual(
    committed,
    configJsonSchema(),
    `loadgate.schema.json is out of date; regenerate with:\n${REGENERATE}`,
  );
});

test('the schema is strict and knows the shorthands and units', () => {
  const s = configJsonSchema() as {
    additionalProperties: boolean;
    properties: Record<string, { properties?: Record<string, { anyOf?: unknown[] }> }>;
  };
  assert.equal(s.additionalProperties, false);
  assert.equal(s.properties['server']?.properties?.['ready']?.anyOf?.length, 2);
  assert.equal(s.properties['server']?.properties?.['setup']?.anyOf?.length, 2);
  assert.equal(s.properties['load']?.properties?.['warmup']?.anyOf?.length, 2);
  assert.equal(s.properties['gate']?.properties?.['rps']?.anyOf?.length, 2);
  assert.doesNotMatch(JSON.stringify(s), /starts_with/);
});
