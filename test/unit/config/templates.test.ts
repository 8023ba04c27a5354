import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasTemplate, parseTemplate } from '../../../src/config/template.js';
import { assertProblem, minimal } from './helpers.js';

test('parseTemplate splits text and expressions', () => {
  assert.deepEqual(
    parseTemplate('/u/${data.id}?n=${seq}&r=${randomInt(-5, 10)}&x=${uuid}${token}$${lit}'),
    {
      ok: true,
      parts: [
        { kind: 'text', text: '/u/' },
        { kind: 'data', column: 'id' },
        { kind: 'text', text: '?n=' },
        { kind: 'seq' },
        { kind: 'text', text: '&r=' },
        { kind: 'randomInt', min: -5, max: 10 },
        { kind: 'text', text: '&x=' },
        { kind: 'uuid' },
        { kind: 'capture', name: 'token' },
        { kind: 'text', text: '${lit}' },
      ],
    },
  );
  assert.deepEqual(parseTemplate('${env.HOME} ${vars.a-b}'), {
    ok: true,
    parts: [
      { kind: 'env', name: 'HOME' },
      { kind: 'text', text: ' ' },
      { kind: 'vars', name: 'a-b' },
    ],
  });
  assert.deepEqual(parseTemplate('$5 and $x'), {
    ok: true,
    parts: [{ kind: 'text', text: '$5 and $x' }],
  });
  assert.equal(hasTemplate('/plain'), false);
  assert.equal(hasTemplate('/a/${seq}'), true);
});

test('parseTemplate rejects bad syntax with a reason', () => {
  const bad = (t: string) => {
    const r = parseTemplate(t);
    assert.equal(r.ok, false, t);
    return r.ok ? '' : r.error;
  };
  assert.match(bad('/a/${seq'), /unclosed \$\{ at character 4/);
  assert.match(bad('${}'), /empty \$\{\}/);
  assert.match(
    bad('${foo.bar}'),
    /unknown template \$\{foo\.bar\}: expected env\.NAME, vars\.NAME/,
  );
  assert.match(bad('${randomInt(5)}'), /expected randomInt\(MIN,MAX\)/);
  assert.match(bad('${randomInt(9, 1)}'), /MIN <= MAX/);
  assert.match(bad('${env.1X}'), /unknown template/);
  assert.match(bad('${a b}'), /unknown template/);
  assert.match(bad('${env}'), /unknown template/);
});

const req = (field: string) => `server: { command: x }\nrequests:\n  - { path: /a, ${field} }\n`;

test('template errors in the file name the key and the problem', () => {
  assertProblem(
    req('headers: { X: "${foo.bar}" }'),
    /^loadgate\.yml:3:31: requests\[0\]\.headers\.X: unknown template \$\{foo\.bar\}/,
  );
  assertProblem(req('query: { q: "${seq" }'), /requests\[0\]\.query\.q: unclosed \$\{/);
  assertProblem(
    req('json: { a: [ { b: "${randomInt(3,1)}" } ] }'),
    /requests\[0\]\.json\.a\[0\]\.b: bad template/,
  );
  assertProblem(req('body: "${nope.x}"'), /requests\[0\]\.body: unknown template/);
  assertProblem(
    'server: { command: x }\nrequests:\n  - { path: "/a/${bad.x}" }\n',
    /requests\[0\]\.path: unknown template/,
  );
});

test('a missing environment variable is an error naming the key and the variable', () => {
  assert.equal(
    assertProblem(req('headers: { Authorization: "Bearer ${env.GH_TOKEN}" }'), /GH_TOKEN/),
    'loadgate.yml:3:43: requests[0].headers.Authorization: environment variable GH_TOKEN is not set (used as ${env.GH_TOKEN})',
  );
});

test('vars, data and captured names must exist', () => {
  assertProblem(
    minimal('vars: { tenant: a }\nsetup:\n  - { path: "/x/${vars.tenat}" }\n'),
    /setup\[0\]\.path: \$\{vars\.tenat\} is not defined in vars: \(did you mean vars\.tenant\?\)/,
  );
  assertProblem(
    req('query: { u: "${data.user}" }'),
    /requests\[0\]\.query\.u: \$\{data\.user\} needs a data: feed/,
  );
  assertProblem(
    req('headers: { A: "${token}" }'),
    /requests\[0\]\.headers\.A: \$\{token\} is not captured by any setup request/,
  );
  assertProblem(
    minimal('vars: { tenant: a }\nsetup:\n  - { path: "/x/${tenant}" }\n'),
    /\$\{tenant\} is not captured by an earlier setup request \(did you mean \$\{vars\.tenant\}\?\)/,
  );
  // a setup request cannot use what a later one captures
  assertProblem(
    minimal('setup:\n  - { path: "/a/${id}" }\n  - { path: /b, capture: { id: { json: id } } }\n'),
    /setup\[0\]\.path: \$\{id\} is not captured by an earlier setup request/,
  );
});
