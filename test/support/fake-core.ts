/**
 * A stand-in for @actions/core with the calls loadgate's action makes: inputs from a record,
 * every log line, annotation, output and failure recorded; the summary appended to
 * `summaryFile` as core.summary does.
 */
import { appendFileSync } from 'node:fs';
import type * as Core from '@actions/core';

export interface FakeCore {
  core: typeof Core;
  /** Log lines in order; annotations as `notice: ...`, `error: ...`, `warning: ...`. */
  lines: string[];
  /** Annotations with their properties. */
  annotations: { kind: 'notice' | 'error' | 'warning'; message: string; file?: string }[];
  outputs: Record<string, string>;
  failed: string[];
  secrets: string[];
}

export function fakeCore(inputs: Record<string, string>, summaryFile?: string): FakeCore {
  const f: FakeCore = {
    core: undefined as unknown as typeof Core,
    lines: [],
    annotations: [],
    outputs: {},
    failed: [],
    secrets: [],
  };
  const annotate =
    (kind: 'notice' | 'error' | 'warning') => (m: string | Error, props?: { file?: string }) => {
      const message = String(m);
      f.lines.push(`${kind}: ${message}`);
      f.annotations.push({ kind, message, ...(props?.file ? { file: props.file } : {}) });
    };
  let buffer = '';
  const summary = {
    addRaw(text: string) {
      buffer += text;
      return summary;
    },
    async write() {
      if (!summaryFile) throw new Error('no summary file');
      appendFileSync(summaryFile, buffer);
      buffer = '';
      return summary;
    },
    emptyBuffer() {
      buffer = '';
      return summary;
    },
  };
  f.core = {
    getInput: (name: string) => inputs[name] ?? '',
    setSecret: (s: string) => f.secrets.push(s),
    info: (m: string) => f.lines.push(m),
    debug: () => {},
    notice: annotate('notice'),
    warning: annotate('warning'),
    error: annotate('error'),
    group: async <T>(name: string, fn: () => Promise<T>) => {
      f.lines.push(`## ${name}`);
      return fn();
    },
    setOutput: (name: string, value: unknown) => {
      f.outputs[name] = String(value);
    },
    setFailed: (m: string | Error) => f.failed.push(String(m)),
    summary,
  } as unknown as typeof Core;
  return f;
}
