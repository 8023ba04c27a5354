import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCli, USAGE } from '../../../src/cli/args.js';

test('init flags parse into InitFlags', () => {
  const c = parseCli([
    'init',
    '--from-openapi',
    'api.yaml',
    '--target',
    'http://127.0.0.1:8000',
    '-o',
    'x.yml',
    '--force',
    '--no-probe',
  ]);
  assert.deepEqual(c, {
    kind: 'init',
    flags: {
      fromOpenapi: 'api.yaml',
      fromHar: null,
      fromPostman: null,
      target: 'http://127.0.0.1:8000',
      server: null,
      output: 'x.yml',
      name: null,
      force: true,
      probe: false,
      quiet: false,
    },
  });
  assert.match(USAGE, /--from-openapi FILE\|URL/);
});

test('flags of other commands are usage mistakes, both ways', () => {
  assert.throws(() => parseCli(['init', '--rounds', '3']), /--rounds is not an option of "init"/);
  assert.throws(
    () => parseCli(['run', '--from-har', 'x.har']),
    /--from-har is not an option of "run"/,
  );
  assert.throws(() => parseCli(['sweep', '--force']), /--force is not an option of "sweep"/);
});
