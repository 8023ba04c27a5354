/**
 * Project detection: which stack a folder holds, and the server section loadgate would use for
 * it (command with workers, setup, readiness path), with notes saying what was found. Pure: the
 * caller passes the folder's relevant files (read-project.ts). Checked in order: Django
 * (`manage.py`), FastAPI (a module with `app = FastAPI(...)`), Node (`package.json` start).
 */
import type { DraftServer } from './types.js';
import { obj, str } from './text.js';

export interface DetectedProject {
  stack: 'django' | 'fastapi' | 'node';
  server: DraftServer;
  /** A path on the booted server that serves the API's OpenAPI description, if known. */
  openapiPath: string | null;
}

/** gunicorn/uvicorn workers to propose: one per core, at least 2 (then measure with sweep). */
export function proposedWorkers(cores: number): number {
  return Math.max(2, cores);
}

function sweepNote(cores: number): string {
  return `workers: ${proposedWorkers(cores)} (one per core on this ${cores}-core machine; gunicorn's 2 x cores + 1 rule would say ${2 * cores + 1}): run \`loadgate sweep\` to measure the count that serves best`;
}

function healthPath(files: ReadonlyMap<string, string>): string | null {
  for (const [path, text] of files) {
    if (!path.endsWith('urls.py')) continue;
    const m = /path\(\s*r?['"]\^?([^'"$]*(?:health|ping|ready|status)[^'"$]*)\$?['"]/i.exec(text);
    if (m?.[1] !== undefined) return `/${m[1].replace(/^\//, '')}`;
  }
  return null;
}

function django(files: ReadonlyMap<string, string>, cores: number): DetectedProject | null {
  const manage = files.get('manage.py');
  if (manage === undefined) return null;
  const settings =
    /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]/.exec(manage)?.[1] ??
    [...files.keys()]
      .find((p) => /^[\w]+\/settings\.py$/.test(p))
      ?.replace(/\.py$/, '')
      .replace('/', '.') ??
    null;
  const pkg = settings?.split('.')[0] ?? null;
  const w = proposedWorkers(cores);
  const notes = [
    `Detected a Django project: manage.py${settings ? `, settings ${settings}` : ''}.`,
  ];
  let command: string;
  if (pkg !== null && files.has(`${pkg}/asgi.py`)) {
    command = `gunicorn ${pkg}.asgi:application -k uvicorn.workers.UvicornWorker -w ${w} --bind 127.0.0.1:$PORT`;
    notes.push(
      `ASGI module ${pkg}/asgi.py: gunicorn with uvicorn workers (uvicorn >= 0.30 moved the worker class to the uvicorn-worker package: -k uvicorn_worker.UvicornWorker).`,
    );
  } else if (pkg !== null && files.has(`${pkg}/wsgi.py`)) {
    command = `gunicorn ${pkg}.wsgi:application -w ${w} --bind 127.0.0.1:$PORT`;
    notes.push(`WSGI module ${pkg}/wsgi.py: gunicorn sync workers.`);
  } else {
    command = `python3 manage.py runserver 127.0.0.1:$PORT --noreload`;
    notes.push(
      'No asgi.py or wsgi.py found: the development server (one process; use gunicorn in production).',
    );
  }
  const health = healthPath(files);
  notes.push(sweepNote(cores));
  notes.push(
    health
      ? `Readiness: ${health} (found in urls.py).`
      : 'Readiness: / (no health route found in urls.py): use a path that answers 200 once the app is up.',
  );
  return {
    stack: 'django',
    server: {
      command,
      setup: ['python3 manage.py migrate --noinput'],
      env: settings ? { DJANGO_SETTINGS_MODULE: settings } : {},
      workers: 'self',
      ready: health ?? '/',
      notes,
    },
    openapiPath: null,
  };
}

function fastapi(files: ReadonlyMap<string, string>, cores: number): DetectedProject | null {
  const candidates = [...files.entries()]
    .filter(([p]) => p.endsWith('.py') && !p.includes('test'))
    .sort(([a], [b]) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const [path, text] of candidates) {
    const m = /^(\w+)\s*(?::\s*\w+\s*)?=\s*(?:fastapi\.)?FastAPI\(([^)]*)/m.exec(text);
    if (!m) continue;
    const variable = m[1] ?? 'app';
    const module = path.replace(/\.py$/, '').replaceAll('/', '.');
    const noDocs = /openapi_url\s*=\s*None/.test(m[2] ?? '');
    const w = proposedWorkers(cores);
    const notes = [
      `Detected a FastAPI app: ${variable} = FastAPI() in ${path}, served by uvicorn.`,
      sweepNote(cores),
      noDocs
        ? 'Readiness: / (openapi_url=None: the app serves no /openapi.json).'
        : 'Readiness: /openapi.json, which FastAPI serves once the app is loaded.',
    ];
    return {
      stack: 'fastapi',
      server: {
        command: `uvicorn ${module}:${variable} --host 127.0.0.1 --port $PORT --workers ${w}`,
        setup: [],
        env: {},
        workers: 'self',
        ready: noDocs ? '/' : '/openapi.json',
        notes,
      },
      openapiPath: noDocs ? null : '/openapi.json',
    };
  }
  return null;
}

function node(files: ReadonlyMap<string, string>): DetectedProject | null {
  const text = files.get('package.json');
  if (text === undefined) return null;
  let pkg: Record<string, unknown>;
  try {
    pkg = obj(JSON.parse(text));
  } catch {
    return null;
  }
  const scripts = obj(pkg.scripts);
  const start = str(scripts.start);
  const main = str(pkg.main);
  if (start === null && main === null && !files.has('server.js')) return null;
  const command = start !== null ? 'npm start' : `node ${main ?? 'server.js'}`;
  const notes = [
    `Detected a Node project: package.json${start !== null ? ` with start script "${start}"` : ''}.`,
    'The server must listen on the PORT environment variable. workers: auto starts max(1, cores - 1) copies, one port each; use self if the app runs its own cluster.',
    'Readiness: / (use a path that answers 200 once the app is up).',
  ];
  return {
    stack: 'node',
    server: {
      command,
      setup: str(scripts.build) !== null ? ['npm run build'] : [],
      env: {},
      workers: 'auto',
      ready: '/',
      notes,
    },
    openapiPath: null,
  };
}

export function detectProject(
  files: ReadonlyMap<string, string>,
  cores: number,
): DetectedProject | null {
  return django(files, cores) ?? fastapi(files, cores) ?? node(files);
}
