/**
 * Running the git CLI for the branch store: the checkout's own git and credentials, no prompts
 * (a missing credential fails instead of hanging), C locale (messages are matched), a timeout
 * on every call.
 */
import { spawn } from 'node:child_process';

export interface GitRunner {
  (args: string[], input?: string): Promise<GitResult>;
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitRunnerOptions {
  git: string;
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
}

export function gitRunner(options: GitRunnerOptions): GitRunner {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, {
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    LANGUAGE: 'C',
    GCM_INTERACTIVE: 'never',
  });
  return (args, input) =>
    new Promise((resolve) => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let settled = false;
      const finish = (r: GitResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const child = spawn(options.git, args, {
        cwd: options.cwd,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish({
          code: -1,
          stdout: '',
          stderr: `git ${args[0] ?? ''} timed out after ${options.timeoutMs} ms`,
        });
      }, options.timeoutMs);
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('error', (e) =>
        finish({ code: -1, stdout: '', stderr: `cannot run ${options.git}: ${e.message}` }),
      );
      child.on('close', (code) =>
        finish({
          code: code ?? -1,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
      child.stdin.on('error', () => {}); // git may exit before reading its input
      child.stdin.end(input ?? '');
    });
}

/** The last meaningful line of git's error output, for messages. */
export function gitMessage(r: GitResult): string {
  const lines = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('hint:'));
  return lines.slice(-3).join(' / ') || `exit code ${r.code}`;
}
