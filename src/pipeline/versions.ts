/**
 * Versions recorded in every report and baseline entry. Written out here (not read from
 * node_modules at run time) because the bundled action has no node_modules; a unit test
 * keeps these equal to the installed packages.
 */
export const LOADGATE_VERSION = '0.1.0';

export const LIBRARY_VERSIONS = {
  undici: '7.30.2',
  'simple-statistics': '7.12.1',
  'hdr-histogram-js': '3.0.1',
} as const;

export function versions(): Record<string, string> {
  return { loadgate: LOADGATE_VERSION, node: process.version, ...LIBRARY_VERSIONS };
}
