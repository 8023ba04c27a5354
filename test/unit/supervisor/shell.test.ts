import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandArgv, describeExit } from '../../../src/supervisor/launch.js';
import { fixedPorts } from '../../../src/supervisor/preflight.js';
import { execForm, programOf } from '../../../src/supervisor/shell.js';

describe('reading commands', () => {
  it('finds the program after variable assignments', () => {
    assert.equal(programOf('gunicorn app:app -w 2'), 'gunicorn');
    assert.equal(programOf('  A=1 B=x /usr/bin/python3 manage.py migrate'), '/usr/bin/python3');
    assert.equal(programOf('cd api && gunicorn app'), null);
    assert.equal(programOf('"$HOME/bin/server"'), null);
    assert.equal(programOf(''), null);
  });

  it('execs simple commands and leaves compound ones to the shell', () => {
    assert.equal(
      execForm('gunicorn app -b 127.0.0.1:$PORT'),
      'exec gunicorn app -b 127.0.0.1:$PORT',
    );
    assert.equal(
      execForm('A=1 B=2 node server.js --name "a b"'),
      'A=1 B=2 exec node server.js --name "a b"',
    );
    assert.equal(execForm('uvicorn app --port ${PORT}'), 'exec uvicorn app --port ${PORT}');
    for (const compound of [
      'a && b',
      'a; b',
      'a | b',
      'exec node x',
      'cd x',
      'node x > log',
      '(a)',
      '{ a; }',
    ]) {
      assert.equal(execForm(compound), compound);
    }
  });

  it('wraps with the parent-death signal and sets LISTEN_PID from inside the shell', () => {
    assert.deepEqual(commandArgv('node s.js', { pdeathsig: false, listenPid: false }), [
      '/bin/sh',
      '-c',
      'exec node s.js',
    ]);
    const argv = commandArgv('node s.js', { pdeathsig: true, listenPid: true });
    assert.deepEqual(argv.slice(0, 4), [
      '/bin/sh',
      '-c',
      'LISTEN_PID=$$; export LISTEN_PID; exec "$@"',
      'sh',
    ]);
    assert.deepEqual(argv.slice(4, 8), ['/usr/bin/setpriv', '--pdeathsig', 'SIGTERM', '--']);
    assert.deepEqual(argv.slice(8), ['/bin/sh', '-c', 'exec node s.js']);
  });

  it('spells out exit codes 127 and 126 and signals', () => {
    assert.match(describeExit({ code: 127, signal: null, error: null }), /command not found/);
    assert.match(describeExit({ code: 126, signal: null, error: null }), /not executable/);
    assert.equal(
      describeExit({ code: null, signal: 'SIGKILL', error: null }),
      'was killed by SIGKILL',
    );
    assert.equal(describeExit({ code: 3, signal: null, error: null }), 'exited with code 3');
  });

  it('finds ports written into the command, not $PORT', () => {
    assert.deepEqual(fixedPorts('gunicorn app --bind 127.0.0.1:8000 -w 4'), [8000]);
    assert.deepEqual(fixedPorts('uvicorn app --port 8001'), [8001]);
    assert.deepEqual(fixedPorts('uvicorn app --port=8002 --host 0.0.0.0'), [8002]);
    assert.deepEqual(fixedPorts('gunicorn app -b :9000'), [9000]);
    assert.deepEqual(fixedPorts('gunicorn app --bind 127.0.0.1:$PORT'), []);
    assert.deepEqual(fixedPorts('node server.js http://example.com/a:b 10.0.0.1'), []);
  });
});
