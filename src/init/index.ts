/**
 * The init room: `loadgate init` writes a commented loadgate.yml from an OpenAPI description, a
 * HAR export, a Postman collection or the project folder itself (see docs/init.md).
 */
export { runInit } from './command.js';
export type { InitDeps, InitOptions, InitOutcome } from './command.js';
export { draftFromOpenApi } from './openapi.js';
export { draftFromHar } from './har.js';
export { draftFromPostman } from './postman.js';
export { detectProject } from './project.js';
export { renderDraft } from './render.js';
export type * from './types.js';
