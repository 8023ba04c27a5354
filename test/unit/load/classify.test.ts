import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAnswer, classifyError, RequestTimeoutError } from '../../../src/load/classify.js';
import { acceptedStatuses } from '../../../src/load/scenario.js';
import { backoffMs } from '../../../src/load/connection.js';

const withCode = (code: string) => Object.assign(new Error(code), { code });

test('transport errors map to kinds by code', () => {
  assert.equal(
    classifyError(new RequestTimeoutError('no complete answer within 100 ms')),
    'timeout',
  );
  assert.equal(classifyError(withCode('UND_ERR_HEADERS_TIMEOUT')), 'timeout');
  assert.equal(classifyError(withCode('UND_ERR_CONNECT_TIMEOUT')), 'timeout');
  assert.equal(classifyError(withCode('ECONNREFUSED')), 'connect-refused');
  assert.equal(classifyError(withCode('ECONNRESET')), 'connect-reset');
  assert.equal(classifyError(withCode('UND_ERR_SOCKET')), 'connect-reset');
  assert.equal(classifyError(withCode('HPE_INVALID_CONSTANT')), 'protocol');
  assert.equal(classifyError(withCode('UND_ERR_RES_CONTENT_LENGTH_MISMATCH')), 'protocol');
  assert.equal(
    classifyError(Object.assign(new Error('Expected HTTP/'), { name: 'HTTPParserError' })),
    'protocol',
  );
  assert.equal(classifyError(new Error('plain')), 'other');
  assert.equal(classifyError(null), 'other');
});

test('answers: status table first, then the body check', () => {
  const ok = acceptedStatuses([]);
  assert.equal(classifyAnswer(200, ok, null, null), null);
  assert.equal(classifyAnswer(302, ok, null, null), null);
  assert.equal(classifyAnswer(500, ok, null, null), 'status:500');
  assert.equal(classifyAnswer(200, ok, Buffer.from('id'), Buffer.from('{"id":1}')), null);
  assert.equal(classifyAnswer(200, ok, Buffer.from('id'), Buffer.from('{}')), 'check-failed');
  assert.equal(classifyAnswer(200, ok, Buffer.from('id'), null), 'check-failed');
  assert.equal(classifyAnswer(503, ok, Buffer.from('id'), Buffer.from('id')), 'status:503');
});

test('reconnect backoff: immediate once, then doubling from 10 ms, capped at 1 s', () => {
  assert.deepEqual([1, 2, 3, 4, 8, 9, 50].map(backoffMs), [0, 10, 20, 40, 640, 1000, 1000]);
});
