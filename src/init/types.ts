/**
 * The init room's one intermediate type: a draft scenario that every source (OpenAPI, HAR,
 * Postman, project detection) produces and the renderer turns into a commented loadgate.yml.
 * Strings in requests are loadgate templates: literal text from a source is already escaped
 * (`$${`), and `${data.x}`, `${vars.x}`, `${uuid}` are meant.
 */
import type { HttpMethod } from '../config/types.js';

export type DraftBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; value: string; contentType: string | null };

export interface DraftRequest {
  name: string;
  method: HttpMethod;
  /** Path template starting with `/`, query string not included. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: DraftBody;
  weight: number;
  /** One line shown above the request (where it came from, why this weight). */
  note: string | null;
  /**
   * Why the request is written commented out (needs credentials, destructive, failed the
   * probe); null: an active request.
   */
  disabled: string | null;
}

/** Something the source describes that init could not turn into a request, with the reason. */
export interface SkippedItem {
  label: string;
  reason: string;
}

/** A credential the API wants, written as a commented header or query value with `${env.NAME}`. */
export interface DraftCredential {
  /** Where it goes: a header (most), or a query parameter (apiKey in: query). */
  in: 'header' | 'query';
  name: string;
  /** The value template, e.g. `Bearer ${env.API_TOKEN}`. */
  value: string;
  /** Where it was declared, e.g. `security scheme "api_key" (apiKey)`. */
  from: string;
}

export interface DraftServer {
  command: string;
  setup: string[];
  env: Record<string, string>;
  workers: 'self' | 'auto' | number;
  ready: string;
  /** Lines explaining what was detected and chosen. */
  notes: string[];
}

/** A small data feed written next to loadgate.yml (values seen for templated path ids). */
export interface DraftData {
  /** Columns in order; every row has every column. */
  columns: string[];
  rows: Record<string, string>[];
}

export interface DraftScenario {
  /** What the draft was made from, for the header comment, e.g. `OpenAPI 3.0.2: petstore.json`. */
  source: string;
  name: string | null;
  /** Exactly one of these is set by the time the draft is rendered. */
  target: string | null;
  server: DraftServer | null;
  requests: DraftRequest[];
  skipped: SkippedItem[];
  credentials: DraftCredential[];
  vars: Record<string, string>;
  /** Notes on `vars` entries (e.g. a Postman variable with no value), by name. */
  varNotes: Record<string, string>;
  data: DraftData | null;
  /** General notes for the header comment. */
  notes: string[];
}

export function emptyDraft(source: string): DraftScenario {
  return {
    source,
    name: null,
    target: null,
    server: null,
    requests: [],
    skipped: [],
    credentials: [],
    vars: {},
    varNotes: {},
    data: null,
    notes: [],
  };
}
