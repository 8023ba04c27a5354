/**
 * The shard report (`loadgate run --shard I/N --json FILE`): what one load generator of N
 * measured, with every round's encoded HDR histograms (overall and per endpoint), so that
 * `loadgate merge` adds the shards exactly. It carries the series' config without secrets (no
 * header values, bodies, vars, setup or data: the merge never sends a request) and the
 * scenario's fingerprint, so the merge compares with the right baseline history.
 * A public contract: docs/shards.md.
 */
import type { Config, RequestSpec } from '../config/types.js';
import type { RoundResult } from '../load/types.js';
import type { RunFailure, RunnerFingerprint } from '../report/types.js';

export const SHARD_REPORT_KIND = 'loadgate-shard';

export interface ShardReport {
  kind: typeof SHARD_REPORT_KIND;
  schema: 1;
  /** The series (config `name:`). */
  name: string;
  shard: { index: number; count: number };
  /** When every shard was to start its warm-up (ISO 8601). */
  startAt: string;
  createdAt: string;
  commit: string | null;
  /** sha256 of what was measured (src/config/fingerprint.ts) over the whole load, not the share. */
  scenarioHash: string;
  target: string | null;
  remoteTarget: boolean;
  runner: RunnerFingerprint;
  versions: Record<string, string>;
  warnings: string[];
  /** The shard's run failed (boot, readiness, every request failed); null otherwise. */
  failure: RunFailure | null;
  /** The shard's exit code (0, or as for a failed `run`: 2, 3, 130). */
  exitCode: number;
  /** The config the merge compares and reports with (secrets removed, see above). */
  config: Config;
  rounds: RoundResult[];
}

const REDACTED = '[redacted]';

function withoutSecrets(r: RequestSpec): RequestSpec {
  const mask = (m: Record<string, string>) =>
    Object.fromEntries(Object.keys(m).map((k) => [k, REDACTED]));
  return { ...r, headers: mask(r.headers), query: mask(r.query), body: { kind: 'none' } };
}

/** The config as the shard report carries it: what the comparison and the report need. */
export function configForMerge(config: Config): Config {
  const { notes: _notes, ...rest } = config;
  return {
    ...rest,
    requests: config.requests.map(withoutSecrets),
    setup: [],
    data: null,
    vars: Object.fromEntries(Object.keys(config.vars).map((k) => [k, REDACTED])),
  };
}
