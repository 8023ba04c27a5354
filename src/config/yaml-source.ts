/**
 * loadgate.yml text -> plain value plus a locator from key paths to line:column, so every
 * problem found later can name its place in the file. YAML syntax errors are reported here.
 */
import { LineCounter, isMap, isNode, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { ConfigError, errorMessage } from '../errors.js';
import type { IssueSource, PathSegment, Position } from './issues.js';
import { linesToError } from './issues.js';
import { readPath } from '../util/guards.js';

export interface ParsedYaml {
  /** The document as plain data (undefined for an empty file). */
  value: unknown;
  source: IssueSource;
}

interface Step {
  key: YamlNode | null;
  value: YamlNode | null;
}

function keyMatches(key: unknown, segment: PathSegment): boolean {
  const raw = isScalar(key) ? key.value : key;
  return String(raw) === String(segment);
}

/** The nodes along `path`, as far as the document has them. */
function walk(root: YamlNode | null, path: readonly PathSegment[]): Step[] {
  const steps: Step[] = [];
  let node: unknown = root;
  for (const segment of path) {
    let next: Step | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyMatches(p.key, segment));
      if (pair)
        next = {
          key: isNode(pair.key) ? pair.key : null,
          value: isNode(pair.value) ? pair.value : null,
        };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (isNode(item)) next = { key: item, value: item };
    }
    if (!next) break;
    steps.push(next);
    node = next.value;
  }
  return steps;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** Parse YAML text; throws ConfigError listing every syntax error with its line and column. */
export function parseYaml(text: string, label: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
  });
  const position = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => {
      const p = position(e.pos[0]);
      return `${label}:${p.line}:${p.col}: YAML syntax error: ${firstLine(e.message)}`;
    });
    throw linesToError(lines, 'LG_CONFIG_YAML');
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new ConfigError(`${label}: YAML could not be read: ${errorMessage(e)}`, {
      code: 'LG_CONFIG_YAML',
    });
  }
  const root = isNode(doc.contents) ? doc.contents : null;
  const source: IssueSource = {
    label,
    valueAt: (path) => readPath(value, path),
    locate(path, at) {
      const steps = walk(root, path);
      const last = steps[steps.length - 1];
      let node: YamlNode | null | undefined;
      if (steps.length === path.length && last) {
        node = at === 'key' ? (last.key ?? last.value) : (last.value ?? last.key);
      } else {
        // The key is missing: point at the deepest key that exists (its parent).
        node = last ? (last.key ?? last.value) : root;
      }
      const offset = node?.range?.[0];
      return offset === undefined ? { line: 1, col: 1 } : position(offset);
    },
  };
  return { value: value ?? undefined, source };
}
