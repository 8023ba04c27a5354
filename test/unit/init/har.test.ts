import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftFromHar } from '../../../src/init/har.js';
import { isIdSegment } from '../../../src/init/routes.js';
import { renderAndParse } from './helpers.js';

type Entry = Record<string, unknown>;
function entry(method: string, url: string, extra: Partial<Entry> = {}, status = 200): Entry {
  return {
    request: { method, url, headers: [], cookies: [], ...(extra.request as object) },
    response: { status, content: { mimeType: 'application/json' } },
    ...extra,
  };
}
const har = (entries: Entry[]) => ({ log: { version: '1.2', creator: { name: 'test' }, entries } });

test('id segments: numbers, UUIDs, long hex; not words or short hex', () => {
  assert.ok(isIdSegment('42'));
  assert.ok(isIdSegment('3f2504e0-4f89-11d3-9a0c-0305e82c3301'));
  assert.ok(isIdSegment('507f1f77bcf86cd799439011'));
  assert.ok(!isIdSegment('items'));
  assert.ok(!isIdSegment('beef'));
  assert.ok(!isIdSegment('deadbeefdeadbeef')); // no digit: a word
});

test('HAR: one origin, ids templated with a data list, weights by frequency', () => {
  const draft = draftFromHar(
    har([
      entry('GET', 'http://127.0.0.1:5000/'),
      entry('GET', 'http://127.0.0.1:5000/api/items?page=1'),
      entry('GET', 'http://127.0.0.1:5000/api/items?page=2'),
      entry('GET', 'http://127.0.0.1:5000/api/items/1'),
      entry('GET', 'http://127.0.0.1:5000/api/items/2'),
      entry('GET', 'http://127.0.0.1:5000/api/items/2'),
      entry('GET', 'http://127.0.0.1:5000/api/users/7'),
      entry('GET', 'http://127.0.0.1:5000/static/app.js', { _resourceType: 'script' }),
      entry('GET', 'http://127.0.0.1:5000/missing', {}, 404),
      entry('GET', 'https://cdn.example.com/api/x'),
      entry('DELETE', 'http://127.0.0.1:5000/api/items/2'),
    ]),
    'session.har',
  );
  assert.equal(draft.target, 'http://127.0.0.1:5000');
  const { config, data, yaml } = renderAndParse(draft);
  const by = Object.fromEntries(config.requests.map((r) => [r.name, r]));
  assert.equal(by['GET /api/items']?.weight, 2);
  assert.deepEqual(by['GET /api/items']?.query, { page: '1' });
  assert.equal(by['GET /api/items/{items_id}']?.path, '/api/items/${data.items_id}');
  assert.equal(by['GET /api/items/{items_id}']?.weight, 3);
  // one id seen: the literal path stays
  assert.equal(by['GET /api/users/7']?.path, '/api/users/7');
  assert.deepEqual(JSON.parse(data ?? 'null'), [{ items_id: '1' }, { items_id: '2' }]);
  assert.equal(config.data?.file, '/project/loadgate.data.json');
  // DELETE: written commented out; static, error and other-origin entries listed
  assert.equal(by['DELETE /api/items/2'], undefined);
  assert.match(
    yaml,
    /# DELETE changes data: uncomment if your test data allows it:\n\s+# - name: DELETE \/api\/items\/2/,
  );
  assert.match(yaml, /# - 1 request: static asset/);
  assert.match(yaml, /# - 1 request: answered 404 when recorded/);
  assert.match(yaml, /# - 1 request: other origin https:\/\/cdn\.example\.com/);
});

test('HAR: cookies and Authorization never copied; POST bodies kept', () => {
  const draft = draftFromHar(
    har([
      entry('POST', 'http://127.0.0.1:5000/api/items', {
        request: {
          method: 'POST',
          url: 'http://127.0.0.1:5000/api/items',
          headers: [
            { name: 'Authorization', value: 'Bearer s3cret-token' },
            { name: 'Cookie', value: 'sessionid=abc123' },
            { name: 'X-CSRFToken', value: 'csrf-value' },
            { name: 'Accept', value: 'application/json' },
            { name: 'User-Agent', value: 'Chrome' },
            { name: 'X-Client', value: 'web ${x}' },
          ],
          cookies: [{ name: 'sessionid', value: 'abc123' }],
          postData: { mimeType: 'application/json', text: '{"name":"pen","tags":["a${b"]}' },
        },
      }),
      entry('POST', 'http://127.0.0.1:5000/login', {
        request: {
          method: 'POST',
          url: 'http://127.0.0.1:5000/login',
          headers: [],
          postData: { mimeType: 'application/x-www-form-urlencoded', text: 'u=a&p=b' },
        },
      }),
    ]),
    'x.har',
  );
  const { yaml, config } = renderAndParse(draft);
  assert.doesNotMatch(yaml, /s3cret-token|abc123|csrf-value/);
  const post = config.requests.find((r) => r.path === '/api/items');
  assert.deepEqual(post?.headers, { Accept: 'application/json', 'X-Client': 'web $${x}' });
  assert.deepEqual(post?.body, { kind: 'json', value: { name: 'pen', tags: ['a$${b'] } });
  const login = config.requests.find((r) => r.path === '/login');
  assert.deepEqual(login?.body, {
    kind: 'raw',
    value: 'u=a&p=b',
    contentType: 'application/x-www-form-urlencoded',
  });
  assert.match(yaml, /headers: \{ Authorization: 'Bearer \$\{env\.API_TOKEN\}' \}/);
  assert.match(yaml, /headers: \{ Cookie: '\$\{env\.API_COOKIE\}' \}/);
  assert.match(yaml, /headers: \{ X-CSRFToken: '\$\{env\.X_CSRFTOKEN\}' \}/);
});

test('HAR: not a HAR, or nothing replayable: ConfigError naming the file', () => {
  assert.throws(() => draftFromHar({ entries: [] }, 'a.har'), /a\.har: not a HAR file/);
  assert.throws(
    () => draftFromHar(har([entry('GET', 'http://127.0.0.1/x.png')]), 'b.har'),
    /b\.har: no request in the HAR can be replayed/,
  );
});
