import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectProject } from '../../../src/init/project.js';
import { emptyDraft } from '../../../src/init/types.js';
import { renderAndParse } from './helpers.js';

const files = (o: Record<string, string>) => new Map(Object.entries(o));
const MANAGE = `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n`;

test('Django with asgi.py: gunicorn + uvicorn workers, migrate, health route from urls.py', () => {
  const d = detectProject(
    files({
      'manage.py': MANAGE,
      'shop/asgi.py': '',
      'shop/wsgi.py': '',
      'shop/urls.py': `urlpatterns = [path('api/', include(r)), path('healthz/', health)]`,
    }),
    2,
  );
  assert.equal(d?.stack, 'django');
  assert.equal(
    d?.server.command,
    'gunicorn shop.asgi:application -k uvicorn.workers.UvicornWorker -w 2 --bind 127.0.0.1:$PORT',
  );
  assert.deepEqual(d?.server.setup, ['python3 manage.py migrate --noinput']);
  assert.deepEqual(d?.server.env, { DJANGO_SETTINGS_MODULE: 'shop.settings' });
  assert.equal(d?.server.ready, '/healthz/');
  assert.match(
    d?.server.notes.join('\n') ?? '',
    /Detected a Django project: manage\.py, settings shop\.settings/,
  );
  assert.match(d?.server.notes.join('\n') ?? '', /loadgate sweep/);
});

test('Django with only wsgi.py: sync workers; FastAPI; Node start script', () => {
  const wsgi = detectProject(files({ 'manage.py': MANAGE, 'shop/wsgi.py': '' }), 4);
  assert.equal(wsgi?.server.command, 'gunicorn shop.wsgi:application -w 4 --bind 127.0.0.1:$PORT');
  assert.equal(wsgi?.server.ready, '/');

  const fast = detectProject(
    files({ 'src/api/main.py': 'from fastapi import FastAPI\napp = FastAPI(title="x")\n' }),
    2,
  );
  assert.equal(fast?.stack, 'fastapi');
  assert.equal(
    fast?.server.command,
    'uvicorn src.api.main:app --host 127.0.0.1 --port $PORT --workers 2',
  );
  assert.equal(fast?.server.ready, '/openapi.json');
  assert.equal(fast?.openapiPath, '/openapi.json');

  const node = detectProject(
    files({
      'package.json': JSON.stringify({ scripts: { start: 'node server.js', build: 'tsc' } }),
    }),
    2,
  );
  assert.equal(node?.server.command, 'npm start');
  assert.deepEqual(node?.server.setup, ['npm run build']);
  assert.equal(node?.server.workers, 'auto');

  assert.equal(detectProject(files({ 'README.md': '' }), 2), null);
  assert.equal(detectProject(files({ 'package.json': '{"name":"lib"}' }), 2), null);
});

test('a detected server renders into a server: section loadgate parses', () => {
  const d = detectProject(files({ 'manage.py': MANAGE, 'shop/asgi.py': '' }), 2);
  assert.ok(d);
  const draft = emptyDraft('project');
  draft.server = d.server;
  draft.requests = [
    {
      name: 'home',
      method: 'GET',
      path: '/',
      query: {},
      headers: {},
      body: { kind: 'none' },
      weight: 1,
      note: null,
      disabled: null,
    },
  ];
  const { config, yaml } = renderAndParse(draft);
  assert.equal(config.server?.command, d.server.command);
  assert.deepEqual(config.server?.setup, ['python3 manage.py migrate --noinput']);
  assert.equal(config.server?.workers.mode, 'self');
  assert.match(yaml, /# Detected a Django project/);
});
