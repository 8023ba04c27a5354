import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parameterValue, schemaValue } from '../../../src/init/values.js';

test('parameter values: example, examples, x-example, then the schema', () => {
  assert.deepEqual(parameterValue({ example: 7, schema: { default: 1 } }), {
    value: '7',
    from: 'example',
  });
  assert.equal(parameterValue({ examples: { a: { value: 'blue' } } })?.value, 'blue');
  assert.equal(parameterValue({ 'x-example': 'abc', type: 'string' })?.value, 'abc');
  assert.equal(parameterValue({ schema: { type: 'string', enum: ['sold', 'x'] } })?.value, 'sold');
  assert.equal(parameterValue({ schema: { type: 'integer', default: 10 } })?.from, 'default');
  // Swagger 2: the schema keywords live on the parameter itself
  assert.equal(parameterValue({ in: 'query', type: 'integer', minimum: 5 })?.value, '5');
});

test('bounds: minimum, exclusive bounds (3.0 and 3.1), maximum only, empty ranges', () => {
  assert.equal(schemaValue({ type: 'integer', minimum: 1, maximum: 10 })?.value, '1');
  assert.equal(schemaValue({ type: 'integer', minimum: 1, exclusiveMinimum: true })?.value, '2');
  assert.equal(schemaValue({ type: 'integer', exclusiveMinimum: 0 })?.value, '1');
  assert.equal(schemaValue({ type: 'integer', maximum: 0 })?.value, '0');
  assert.equal(schemaValue({ type: 'integer', minimum: 5, maximum: 4 }), null);
  assert.equal(schemaValue({ type: 'integer', minimum: 1.0, maximum: 50.0 })?.value, '1');
});

test('arrays join their items; booleans are true; nothing to go on is null', () => {
  assert.equal(
    schemaValue({ type: 'array', items: { type: 'string', enum: ['available'] } })?.value,
    'available',
  );
  assert.equal(schemaValue({ example: ['a', 'b'] })?.value, 'a,b');
  assert.equal(schemaValue({ type: 'boolean' })?.value, 'true');
  assert.equal(
    schemaValue({ anyOf: [{ type: 'string' }, { type: 'integer', minimum: 3 }] })?.value,
    '3',
  );
  assert.equal(schemaValue({ type: 'string', format: 'uuid' }), null);
  assert.equal(schemaValue({ type: 'integer' }), null);
  assert.equal(parameterValue({ name: 'id', in: 'path', schema: { type: 'integer' } }), null);
});
