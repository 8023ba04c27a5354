/**
 * Draft scenario -> commented loadgate.yml text (and the data feed's JSON when the draft has
 * one). Pure. Comments are attached to nodes of a `yaml` Document so they survive stringifying;
 * requests that are disabled, and source items that were skipped, are written as commented-out
 * YAML with the reason, ready to be uncommented.
 */
import { Document, isMap, isNode, isScalar, isSeq, stringify, type Scalar } from 'yaml';
import { DEFAULTS } from '../config/defaults.js';
import { formatDuration } from '../config/units.js';
import { formatPercent } from '../util/format.js';
import type { DraftRequest, DraftScenario } from './types.js';

export interface RenderOptions {
  /** File name of the data feed, relative to loadgate.yml; required when the draft has data. */
  dataFile: string | null;
  /** Whether (and how) the requests were probed, for the header comment. */
  probed: string | null;
}

export interface Rendered {
  yaml: string;
  /** JSON text of the data feed, or null. */
  data: string | null;
}

const LINE = 100;

/** Comment text for `yaml`: each line gets a leading space after its `#`. */
function comment(lines: string[]): string {
  return lines.map((l) => (l === '' ? '' : ` ${l}`)).join('\n');
}

/** Wrap a long sentence into comment lines of at most LINE - 2 characters. */
function wrap(text: string, indent = ''): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + word.length + 1 > LINE - 4 - indent.length) {
      out.push(line);
      line = indent;
    }
    line = line === '' || line === indent ? `${line}${word}` : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out;
}

function requestObject(r: DraftRequest): Record<string, unknown> {
  const o: Record<string, unknown> = { name: r.name };
  if (r.method !== 'GET') o.method = r.method;
  o.path = r.path;
  if (Object.keys(r.query).length > 0) o.query = r.query;
  if (Object.keys(r.headers).length > 0) o.headers = r.headers;
  if (r.body.kind === 'json') o.json = r.body.value;
  if (r.body.kind === 'raw') {
    o.body = r.body.value;
    if (r.body.contentType !== null) o['content-type'] = r.body.contentType;
  }
  o.weight = r.weight;
  return o;
}

/** A request as commented-out YAML lines (a list item), under a line with the reason. */
function commentedRequest(r: DraftRequest): string[] {
  const text = stringify([requestObject(r)], { lineWidth: 0 }).trimEnd();
  return [`${r.disabled ?? ''}:`, ...text.split('\n')];
}

function pairOf(doc: Document, key: string): { key: Scalar; value: unknown } | undefined {
  const contents = doc.contents;
  if (!isMap(contents)) return undefined;
  for (const p of contents.items) {
    if (isScalar(p.key) && p.key.value === key) return { key: p.key, value: p.value };
  }
  return undefined;
}

export function renderDraft(draft: DraftScenario, options: RenderOptions): Rendered {
  const active = draft.requests.filter((r) => r.disabled === null);
  const disabled = draft.requests.filter((r) => r.disabled !== null);
  const value: Record<string, unknown> = {};
  if (draft.name !== null) value.name = draft.name;
  if (draft.server !== null) {
    const s = draft.server;
    const server: Record<string, unknown> = { command: s.command };
    if (s.setup.length === 1) server.setup = s.setup[0];
    else if (s.setup.length > 1) server.setup = s.setup;
    if (Object.keys(s.env).length > 0) server.env = s.env;
    server.workers = s.workers;
    server.ready = s.ready;
    value.server = server;
  } else {
    value.target = draft.target ?? 'http://127.0.0.1:8000';
  }
  if (draft.data !== null && options.dataFile !== null) value.data = { file: options.dataFile };
  if (Object.keys(draft.vars).length > 0) value.vars = draft.vars;
  value.requests = active.map(requestObject);

  const doc = new Document(value);
  const header = wrap(
    `loadgate.yml written by \`loadgate init\` from ${draft.source}. Review it before the first \`loadgate run\`: weights, paths and values are guesses from the source. Reference: docs/configuration.md; what init writes: docs/init.md.`,
  );
  if (options.probed !== null) header.push(...wrap(options.probed));
  else header.push('The requests were not sent before writing (no --target or --server to try).');
  for (const n of draft.notes) header.push(...wrap(`- ${n}`, '  '));
  doc.commentBefore = comment(header);

  if (draft.server !== null) {
    const pair = pairOf(doc, 'server');
    if (pair) pair.key.commentBefore = comment(draft.server.notes.flatMap((n) => wrap(n)));
  }
  const dataPair = pairOf(doc, 'data');
  if (dataPair && draft.data !== null) {
    dataPair.key.commentBefore = comment(
      wrap(
        `Data feed: the ids seen for each templated route (${draft.data.columns.join(', ')}), one row per request, in order.`,
      ),
    );
  }
  const varsPair = pairOf(doc, 'vars');
  if (varsPair && isMap(varsPair.value)) {
    for (const { key } of varsPair.value.items) {
      const note = isScalar(key) ? draft.varNotes[String(key.value)] : undefined;
      if (isScalar(key) && note !== undefined) key.commentBefore = comment(wrap(note));
    }
  }

  const requestsPair = pairOf(doc, 'requests');
  if (requestsPair) {
    const before: string[] = defaultsNote();
    if (draft.credentials.length > 0) {
      before.push(
        '',
        ...wrap(
          'Credentials: init never copies secrets. To send them, set these environment variables and add the header (or query value) to the requests that need it:',
        ),
      );
      for (const c of draft.credentials) {
        const key = c.in === 'header' ? 'headers' : 'query';
        before.push(`  ${key}: { ${c.name}: '${c.value}' }   # ${c.from}`);
      }
    }
    requestsPair.key.commentBefore = comment(before);
    const seq = requestsPair.value;
    if (isSeq(seq)) {
      seq.items.forEach((item, i) => {
        const note = active[i]?.note;
        if (note && isNode(item)) item.commentBefore = comment(wrap(note));
      });
      if (disabled.length > 0) {
        seq.comment = comment([
          'Commented out (uncomment when the reason no longer applies):',
          ...disabled.flatMap(commentedRequest),
        ]);
      }
    }
  }
  if (draft.skipped.length > 0) {
    doc.comment = comment([
      'Not generated:',
      ...draft.skipped.flatMap((s) => wrap(`- ${s.label}: ${s.reason}`, '  ')),
    ]);
  }
  const yaml = doc.toString({ lineWidth: LINE, minContentWidth: 20 });
  const data = draft.data === null ? null : `${JSON.stringify(draft.data.rows, null, 2)}\n`;
  return { yaml, data };
}

/** The load and gate defaults a draft leaves out, from DEFAULTS so the note cannot go stale. */
function defaultsNote(): string[] {
  const { load, gate } = DEFAULTS;
  const pct = (fraction: number) => formatPercent(fraction, 0);
  return [
    `load: (the defaults) { model: ${load.model}, connections: ${load.connections}, warmup: ${formatDuration(load.warmupMs)}, duration: ${formatDuration(load.durationMs)}, rounds: ${load.rounds} }`,
    `gate: (the defaults) { rps: -${pct(gate.rps)}, p95: +${pct(gate.p95)}, errors: ${pct(gate.errors)} }`,
  ];
}
