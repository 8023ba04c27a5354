/** wrk, the reference load generator the benches measure against: one thread, its RPS. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function wrk(url: string, connections: number, seconds: number): Promise<number> {
  const { stdout } = await run('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, url], {
    timeout: (seconds + 30) * 1000,
  });
  const m = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  if (!m) throw new Error(`no Requests/sec in wrk output:\n${stdout}`);
  return Number(m[1]);
}
