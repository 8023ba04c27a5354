/**
 * `loadgate init`: read a source (or detect the project), build the draft, try each request
 * once, write a commented loadgate.yml. The edges (reading files and URLs, booting a server,
 * probing, writing) are here; turning sources into drafts and drafts into YAML is pure.
 */
import { access, readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import {
  ConfigError,
  ScenarioError,
  ServerError,
  isLoadgateError,
  errorMessage,
} from '../errors.js';
import type { Logger } from '../log.js';
import { checkTarget, isLoopbackHost, parseConfigText } from '../config/index.js';
import type { Config } from '../config/index.js';
import { startServer } from '../supervisor/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { draftFromHar } from './har.js';
import { draftFromOpenApi } from './openapi.js';
import { draftFromPostman } from './postman.js';
import { probeRequests } from './probe.js';
import { detectProject, type DetectedProject } from './project.js';
import { readOpenApi } from './read-openapi.js';
import { readProject } from './read-project.js';
import { renderDraft } from './render.js';
import { emptyDraft, type DraftScenario } from './types.js';
import { errnoCode } from '../util/guards.js';

export interface InitOptions {
  fromOpenapi: string | null;
  fromHar: string | null;
  fromPostman: string | null;
  target: string | null;
  server: string | null;
  output: string | null;
  name: string | null;
  force: boolean;
  /** false: write without sending the requests (--no-probe). */
  probe: boolean;
}

export interface InitDeps {
  cwd: string;
  env: Record<string, string | undefined>;
  log: Logger;
  cores: number;
  signal?: AbortSignal;
}

export interface InitOutcome {
  output: string;
  dataFile: string | null;
  active: number;
  disabled: number;
  skipped: number;
  /** Requests that failed when init tried them. */
  failed: number;
  probedAt: string | null;
  detected: string | null;
}

const PROBE_TIMEOUT_MS = 10_000;
const isUrl = (s: string) => /^https?:\/\//i.test(s);

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function readJson(flag: string, location: string, cwd: string): Promise<unknown> {
  const path = resolve(cwd, location);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = errnoCode(e);
    throw new ConfigError(
      `${flag} ${location}: ${code === 'ENOENT' ? 'file not found' : errorMessage(e)}`,
      { code: 'LG_INIT_SOURCE' },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConfigError(`${flag} ${location}: not JSON: ${errorMessage(e)}`, {
      code: 'LG_INIT_SOURCE',
    });
  }
}

function checkOptions(o: InitOptions): void {
  const sources = [
    ['--from-openapi', o.fromOpenapi],
    ['--from-har', o.fromHar],
    ['--from-postman', o.fromPostman],
  ].filter(([, v]) => v !== null);
  if (sources.length > 1) {
    throw new ConfigError(`${sources.map(([f]) => f).join(' and ')}: give one source`, {
      code: 'LG_USAGE',
    });
  }
  if (o.target !== null && o.server !== null)
    throw new ConfigError('--target and --server: give one (where the scenario points)', {
      code: 'LG_USAGE',
    });
  if (o.target !== null) {
    const t = checkTarget(o.target);
    if (!t.ok) throw new ConfigError(`--target ${o.target}: ${t.message}`, { code: 'LG_USAGE' });
  }
  if (o.server !== null && o.server.trim() === '')
    throw new ConfigError('--server: expected a shell command that starts the API', {
      code: 'LG_USAGE',
    });
}

/** The source's draft, or null without a --from-* flag. */
async function readSource(o: InitOptions, cwd: string): Promise<DraftScenario | null> {
  if (o.fromOpenapi !== null) {
    const location = isUrl(o.fromOpenapi) ? o.fromOpenapi : resolve(cwd, o.fromOpenapi);
    const draft = draftFromOpenApi(await readOpenApi(location), o.fromOpenapi);
    if (draft.target === null && isUrl(o.fromOpenapi)) {
      const url = new URL(o.fromOpenapi);
      if (isLoopbackHost(url.hostname)) draft.target = url.origin;
    }
    return draft;
  }
  if (o.fromHar !== null)
    return draftFromHar(await readJson('--from-har', o.fromHar, cwd), o.fromHar);
  if (o.fromPostman !== null)
    return draftFromPostman(await readJson('--from-postman', o.fromPostman, cwd), o.fromPostman);
  return null;
}

/** A readiness path for a --server command: the first plain GET of the scenario, else `/`. */
function readyPathOf(draft: DraftScenario): string {
  const plain = draft.requests.find(
    (r) =>
      r.disabled === null &&
      r.method === 'GET' &&
      !r.path.includes('${') &&
      Object.keys(r.query).length === 0 &&
      Object.keys(r.headers).length === 0,
  );
  return plain?.path ?? '/';
}

function onlyRequest(draft: DraftScenario, path: string, note: string): void {
  draft.requests = [
    {
      name: `GET ${path}`,
      method: 'GET',
      path,
      query: {},
      headers: {},
      body: { kind: 'none' },
      weight: 1,
      note,
      disabled: null,
    },
  ];
}

export async function runInit(o: InitOptions, deps: InitDeps): Promise<InitOutcome> {
  const { log } = deps;
  checkOptions(o);
  const output = resolve(deps.cwd, o.output ?? 'loadgate.yml');
  if (!o.force && (await exists(output)))
    throw new ConfigError(`${output} already exists: pass --force to overwrite it`, {
      code: 'LG_INIT_EXISTS',
    });

  const fromSource = await readSource(o, deps.cwd);
  let detected: DetectedProject | null = null;
  if (o.target === null && o.server === null) {
    detected = detectProject(await readProject(deps.cwd), deps.cores);
    if (detected) log.info(detected.server.notes[0] ?? `detected a ${detected.stack} project`);
  }
  let draft: DraftScenario;
  if (fromSource !== null) {
    draft = fromSource;
  } else {
    if (detected === null && o.target === null && o.server === null) {
      throw new ConfigError(
        `nothing to start from in ${deps.cwd}: pass --from-openapi FILE|URL, --from-har FILE or --from-postman FILE, or run init in a project folder (Django manage.py, a FastAPI app, package.json with a start script)`,
        { code: 'LG_USAGE' },
      );
    }
    draft = emptyDraft(
      detected ? `the ${detected.stack} project in ${deps.cwd}` : 'the command line',
    );
    const path = detected?.server.ready ?? '/';
    onlyRequest(
      draft,
      path,
      detected?.openapiPath
        ? "the readiness path; init replaces it with the API's routes when it can boot the app and read its OpenAPI description"
        : "a first request: add your API's routes, or generate them with --from-openapi, --from-har or --from-postman",
    );
  }
  if (o.name !== null) draft.name = o.name;

  let placeholder = false;
  if (o.target !== null) {
    draft.target = new URL(o.target).origin;
    draft.server = null;
  } else if (o.server !== null) {
    const ready = readyPathOf(draft);
    draft.target = null;
    draft.server = {
      command: o.server,
      setup: [],
      env: {},
      workers: 'self',
      ready,
      notes: [
        'From --server: the command must listen on $PORT (loadgate picks a free port).',
        `Readiness: ${ready} (the first plain GET of the scenario); workers: self (the command runs its own workers).`,
      ],
    };
  } else if (detected !== null) {
    draft.target = null;
    draft.server = detected.server;
  } else if (draft.target === null) {
    placeholder = true;
    draft.notes.push(
      'target: a placeholder: point it at your API (--target URL), or replace it with a server: section (--server "COMMAND")',
    );
  }

  const dataPath = output.replace(/(\.ya?ml)?$/i, '.data.json');
  const dataFile = basename(dataPath);
  const parse = (text: string): Config =>
    parseConfigText(text, {
      source: output,
      baseDir: dirname(output),
      env: deps.env,
      cores: deps.cores,
    });

  let probedAt: string | null = null;
  let failed = 0;
  if (o.probe && !placeholder) {
    const tryAt = async (baseUrl: string): Promise<void> => {
      const config = parse(renderDraft(draft, { dataFile, probed: null }).yaml);
      log.info(`init: sending each of ${config.requests.length} request(s) once to ${baseUrl}`);
      const results = await probeRequests({
        config,
        baseUrl,
        row: draft.data?.rows[0] ?? null,
        env: deps.env,
        timeoutMs: PROBE_TIMEOUT_MS,
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
      const failures = results.filter((r) => r.failure !== null);
      failed = failures.length;
      if (failures.length === results.length && results.length > 0) {
        throw new ScenarioError(
          `every generated request failed when init tried it at ${baseUrl}; nothing written (--no-probe writes the file anyway)`,
          { code: 'LG_INIT_PROBE', details: failures.map((f) => `${f.name}: ${f.failure ?? ''}`) },
        );
      }
      for (const f of failures) {
        const r = draft.requests.find((x) => x.name === f.name);
        if (r) r.disabled = `failed when init tried it (${f.failure ?? ''})`;
        log.warn(`init: ${f.name}: ${f.failure ?? ''} (written commented out)`);
      }
    };
    if (draft.server === null) {
      probedAt = draft.target ?? '';
      await tryAt(probedAt);
    } else {
      const config = parse(renderDraft(draft, { dataFile, probed: null }).yaml);
      if (config.server === null) throw new Error('init: rendered server section lost');
      log.info(`init: booting \`${draft.server.command}\` to try the requests`);
      let server;
      try {
        server = await startServer(config.server, {
          log,
          env: deps.env,
          cores: deps.cores,
          ...(deps.signal ? { signal: deps.signal } : {}),
        });
      } catch (e) {
        if (isLoadgateError(e) && e instanceof ServerError) {
          throw new ServerError(
            `${e.message} (init boots the server to try each request; --no-probe writes the file without booting)`,
            { code: e.code, details: e.details },
          );
        }
        throw e;
      }
      try {
        const base = server.targets[0] ?? '';
        if (
          detected?.openapiPath &&
          o.fromOpenapi === null &&
          o.fromHar === null &&
          o.fromPostman === null
        ) {
          const url = `${base}${detected.openapiPath}`;
          const fromApi = draftFromOpenApi(await readOpenApi(url), detected.openapiPath);
          if (fromApi.requests.some((r) => r.disabled === null)) {
            fromApi.server = draft.server;
            fromApi.target = null;
            fromApi.name = draft.name ?? fromApi.name;
            fromApi.source = `${fromApi.source}, served by the ${detected.stack} app it detected`;
            draft = fromApi;
          }
        }
        probedAt = `the server it booted (\`${draft.server?.command ?? ''}\`)`;
        await tryAt(base);
      } finally {
        await server.stop();
      }
    }
  }

  const probedText =
    probedAt === null
      ? null
      : `Before writing, init sent each request once to ${probedAt}: ${failed === 0 ? 'all answered 2xx/3xx' : `${failed} failed and are commented out below`}.`;
  const rendered = renderDraft(draft, { dataFile, probed: probedText });
  parse(rendered.yaml); // what we write must be what `loadgate run` accepts
  if (rendered.data !== null) {
    if (!o.force && (await exists(dataPath)))
      throw new ConfigError(`${dataPath} already exists: pass --force to overwrite it`, {
        code: 'LG_INIT_EXISTS',
      });
    await writeFileAtomic(dataPath, rendered.data);
  }
  await writeFileAtomic(output, rendered.yaml);
  return {
    output,
    dataFile: rendered.data !== null ? dataPath : null,
    active: draft.requests.filter((r) => r.disabled === null).length,
    disabled: draft.requests.filter((r) => r.disabled !== null).length,
    skipped: draft.skipped.length,
    failed,
    probedAt,
    detected: detected?.stack ?? null,
  };
}
