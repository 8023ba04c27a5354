/** The report room: pure renderers from a Report to text, Markdown and JSON. */
export type * from './types.js';
export { renderText, type TextOptions } from './text.js';
export { renderMarkdown, DEFAULT_MAX_CHARS, type MarkdownOptions } from './markdown.js';
export { renderJson } from './json.js';
export { escapeMarkdown, inlineCode, codeBlock, terminalSafe } from './escape.js';
export {
  commentMarker,
  parseMarker,
  supersedes,
  verdictMarker,
  type ParsedMarker,
  type RunMeta,
} from './marker.js';
export type { HistoryPoint } from './chart.js';
export { worstVerdict, endpointVerdict } from './verdicts.js';
export {
  renderMultiJson,
  renderMultiMarkdown,
  renderMultiText,
  overallVerdict,
  MULTI_MARKER_NAME,
  type MultiReport,
} from './multi.js';
