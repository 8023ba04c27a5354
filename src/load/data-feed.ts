/**
 * The data feed: rows of strings from a CSV file (first line is the header) or a JSON file
 * (an array of objects; values become strings). Parsing is pure; loading takes `readFile`.
 */
import { ScenarioError, errorMessage } from '../errors.js';
import type { DataFeedSpec } from '../config/types.js';
import type { Rng } from './rng.js';

export interface DataRows {
  columns: string[];
  rows: Record<string, string>[];
}

/** RFC 4180 CSV: quoted fields with "" escapes, commas and newlines inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = (): void => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') endRecord();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endRecord();
      i++;
    } else field += ch;
  }
  if (quoted) throw new Error('unclosed quoted field');
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

export function csvRows(text: string): DataRows {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) throw new Error('the file is empty (expected a header line and rows)');
  const columns = header.map((c) => c.trim());
  const rows = records.slice(1).map((r, n) => {
    if (r.length !== columns.length) {
      throw new Error(`line ${n + 2} has ${r.length} fields, the header has ${columns.length}`);
    }
    const row: Record<string, string> = {};
    columns.forEach((c, k) => (row[c] = r[k] ?? ''));
    return row;
  });
  return { columns, rows };
}

export function jsonRows(text: string): DataRows {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON (${errorMessage(e)})`);
  }
  if (!Array.isArray(value)) throw new Error('expected a JSON array of objects');
  const columns = new Set<string>();
  const rows = value.map((item: unknown, n) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new Error(`item ${n} is not an object`);
    }
    const row: Record<string, string> = {};
    for (const [k, v] of Object.entries(item)) {
      columns.add(k);
      row[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
    return row;
  });
  return { columns: [...columns], rows };
}

export async function loadDataFeed(
  spec: DataFeedSpec,
  readFile: (path: string) => Promise<string>,
): Promise<DataRows> {
  let text: string;
  try {
    text = await readFile(spec.file);
  } catch (e) {
    throw new ScenarioError(`data feed ${spec.file} cannot be read: ${errorMessage(e)}`, {
      code: 'LG_DATA_FEED',
    });
  }
  let data: DataRows;
  try {
    data = spec.format === 'csv' ? csvRows(text) : jsonRows(text);
  } catch (e) {
    throw new ScenarioError(`data feed ${spec.file}: ${errorMessage(e)}`, { code: 'LG_DATA_FEED' });
  }
  if (data.rows.length === 0)
    throw new ScenarioError(`data feed ${spec.file} has no rows`, { code: 'LG_DATA_FEED' });
  return data;
}

/** Picks the row for each request: in order (wrapping), or at random from the seeded generator. */
export function rowPicker(
  rows: readonly Record<string, string>[],
  order: 'sequential' | 'random',
  rng: Rng,
): (seq: number) => Record<string, string> {
  const n = rows.length;
  // n > 0 (a feed without rows is refused when read), so both indexes are in range.
  if (order === 'random') return () => rows[Math.floor(rng.next() * n)]!;
  return (seq) => rows[(((seq - 1) % n) + n) % n]!;
}
