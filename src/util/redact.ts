/**
 * Removing secret values from text that leaves the machine (server output in a PR comment, a
 * job summary, an error's details). Pure: the caller says which values are secret.
 */

/** What a removed value is replaced with. */
export const REDACTED = '***';
/** Shorter values are not removed: "1" or "on" would blank out ordinary output. */
export const MIN_SECRET_LENGTH = 4;

/**
 * Names of environment variables whose values are secrets: `GITHUB_TOKEN`, `INPUT_GITHUB-TOKEN`,
 * `ACTIONS_RUNTIME_TOKEN`, `DJANGO_SECRET_KEY`, `PGPASSWORD`, `AWS_SECRET_ACCESS_KEY`,
 * `NPM_AUTH`, `DB_CREDENTIALS`; not `PWD` (a folder) nor `KEYBOARD`.
 */
const SECRET_NAME =
  /(?:^|[_-])(?:TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD|KEY|APIKEY|CREDENTIALS?|AUTH|PRIVATE)(?:[_-]|$)|(?:TOKEN|SECRET|PASSWORD|PASSWD|APIKEY)$/i;
const NOT_SECRET = new Set(['PWD', 'OLDPWD']);

export function looksSecret(name: string): boolean {
  return !NOT_SECRET.has(name.toUpperCase()) && SECRET_NAME.test(name);
}

/** The values of `env` variables whose names look secret, plus `given` values. */
export function secretValues(
  env: Record<string, string | undefined>,
  given: Iterable<string | undefined> = [],
): string[] {
  const out = new Set<string>();
  for (const v of given) if (v) out.add(v);
  for (const [k, v] of Object.entries(env)) if (v && looksSecret(k)) out.add(v);
  return [...out];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A function that replaces every occurrence of each secret (and of its URL-encoded and base64
 * forms, which is how tokens show up in URLs and Basic auth headers) with `***`. A multi-line
 * secret is also removed line by line, since output is often cut into lines.
 */
export function redactor(secrets: Iterable<string>): (text: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== 'string') continue;
    const parts = s.includes('\n') ? [s, ...s.split(/\r?\n/)] : [s];
    for (const p of parts) {
      const v = p.trim();
      if (v.length < MIN_SECRET_LENGTH) continue;
      forms.add(v);
      forms.add(encodeURIComponent(v));
      forms.add(Buffer.from(v, 'utf8').toString('base64').replace(/=+$/, ''));
    }
  }
  // Longest first, so a secret that contains another is removed whole.
  const pattern = [...forms]
    .filter((f) => f.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  if (!pattern) return (text) => text;
  const re = new RegExp(pattern, 'g');
  return (text) => text.replace(re, REDACTED);
}

/** `text` without the secret values (see `redactor`). */
export function redact(text: string, secrets: Iterable<string>): string {
  return redactor(secrets)(text);
}

/** `redact` for each line of a log tail. */
export function redactLines(lines: readonly string[], secrets: Iterable<string>): string[] {
  return lines.map(redactor(secrets));
}
