/**
 * The environment a server (and its setup commands) gets: the runner's, without the action's
 * credentials. On a pull request the server is the PR's code; it has no business with the
 * token input (`INPUT_GITHUB-TOKEN`: bash keeps names with `-`), the runtime and OIDC tokens or
 * the cache service. `server.env` may still name any of them on purpose. Pure.
 */

/** Names never passed on unless `server.env` sets them. */
export function isScrubbed(name: string): boolean {
  const upper = name.toUpperCase();
  return (
    upper.startsWith('INPUT_') ||
    upper.startsWith('ACTIONS_RUNTIME_') ||
    upper.startsWith('ACTIONS_ID_TOKEN_') ||
    upper === 'ACTIONS_CACHE_URL' ||
    upper === 'ACTIONS_RESULTS_URL' ||
    upper === 'GITHUB_TOKEN'
  );
}

/** Marks every process of one server start (and what they fork) for the /proc sweep. */
export const RUN_MARK = 'LOADGATE_RUN_ID';

/**
 * base (minus the scrubbed names and anything not a string), then `server.env`, then the run
 * mark (when given).
 */
export function serverEnv(
  base: Record<string, string | undefined>,
  serverVars: Record<string, string>,
  runId: string | null,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) {
    if (typeof v === 'string' && !isScrubbed(k) && k !== RUN_MARK) env[k] = v;
  }
  return runId === null ? { ...env, ...serverVars } : { ...env, ...serverVars, [RUN_MARK]: runId };
}
