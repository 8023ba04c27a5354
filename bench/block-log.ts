/**
 * `npm run bench:blocks -- LOG...`: reads the logs of `BENCH_VERBOSE=1 npm run bench:gate` (or of
 * `loadgate run --verbose` in A/B mode), where every turn of every block is a line, and prints
 * what the verdicts cannot show:
 * - the first turn after each boot pair's joint warm-up against the same side's later turns in
 *   that pair (is the first turn the odd one out?);
 * - the order effect: the mean paired difference in blocks where the base went first (A B) and
 *   in those where the head did (B A);
 * - the boot pairs of one gate against their blocks: how much more the pairs' means vary than
 *   their blocks' noise explains, as a boot-to-boot standard deviation (compare with
 *   ASSUMED_BOOT_SPREAD in src/stats/boot-level.ts);
 * - whether the blocks of one boot pair drift together: the correlation of their differences
 *   1-4 blocks apart, about the pair's mean (independent blocks give -1/(n-1), -0.2 for 6; a
 *   drift within the pair shows as correlations above that, and would pass for a boot effect).
 * Differences are natural logs of head / base (about percent for small values).
 */
import { readFileSync } from 'node:fs';
import { mean, sd, variance } from '../src/stats/describe.js';

type Side = 'base' | 'head';
interface Turn {
  side: Side;
  block: number;
  rps: number;
  p95: number;
}
type Metric = 'rps' | 'p95';
const METRICS: Metric[] = ['rps', 'p95'];

/** Gates (each a list of boot pairs, each the turns in the order they ran). */
function parse(files: readonly string[]): Turn[][][] {
  const gates: Turn[][][] = [];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/compare: \w+: against base/.test(line)) gates.push([]);
      if (/## Load: boot pair/.test(line)) gates.at(-1)?.push([]);
      const m = /block (\d+)\/\d+ (base|head): ([\d,]+) req\/s, p95 ([\d.]+) ms/.exec(line);
      if (m) {
        gates
          .at(-1)
          ?.at(-1)
          ?.push({
            block: Number(m[1]),
            side: m[2] as Side,
            rps: Number(m[3]?.replace(/,/g, '')),
            p95: Number(m[4]),
          });
      }
    }
  }
  return gates;
}

/** Mean and about two standard errors, in percent. */
const show = (xs: readonly number[]) =>
  `${(100 * mean(xs)).toFixed(2)}% ±${((200 * sd(xs)) / Math.sqrt(xs.length)).toFixed(2)} (n ${xs.length})`;

/** Per block of a boot pair: head / base (log), and which side went first. */
function blockDiffs(pair: readonly Turn[], metric: Metric) {
  const blocks = new Map<number, Turn[]>();
  for (const t of pair) blocks.set(t.block, [...(blocks.get(t.block) ?? []), t]);
  return [...blocks.values()].flatMap((ts) => {
    const head = ts.find((t) => t.side === 'head');
    const base = ts.find((t) => t.side === 'base');
    if (!head || !base || !ts[0]) return [];
    return [{ d: Math.log(head[metric] / base[metric]), first: ts[0].side }];
  });
}

/** Correlation of the pairs' block differences `lag` blocks apart, each pair about its mean. */
function withinPairCorrelation(pairs: readonly number[][], lag: number): number {
  let products = 0;
  let count = 0;
  let squares = 0;
  let n = 0;
  for (const d of pairs) {
    const m = mean(d);
    const r = d.map((x) => x - m);
    for (let i = 0; i + lag < r.length; i++, count++) products += r[i]! * r[i + lag]!;
    for (const x of r) squares += x * x;
    n += r.length;
  }
  return products / count / (squares / n);
}

function main(): void {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: npm run bench:blocks -- LOG... (logs of BENCH_VERBOSE=1 bench:gate)');
    process.exit(2);
  }
  const gates = parse(files).filter((g) => g.length > 0);
  const pairs = gates.flat().filter((p) => p.length >= 4);
  console.log(`${files.length} log(s): ${gates.length} gates, ${pairs.length} boot pairs`);
  for (const metric of METRICS) {
    console.log(`\n${metric}:`);
    for (const side of ['base', 'head'] as const) {
      const first = pairs.filter((p) => p[0]?.side === side);
      if (first.length < 2) continue;
      const gaps = first.map((p) => {
        const later = p.slice(1).filter((t) => t.side === side);
        return Math.log(p[0]![metric]) - mean(later.map((t) => Math.log(t[metric])));
      });
      console.log(`  first turn after the warm-up (${side}) vs its later turns: ${show(gaps)}`);
    }
    const diffs = pairs.flatMap((p) => blockDiffs(p, metric));
    console.log(
      `  head - base in blocks A B: ${show(diffs.filter((x) => x.first === 'base').map((x) => x.d))}; ` +
        `B A: ${show(diffs.filter((x) => x.first === 'head').map((x) => x.d))}`,
    );
    // One-way analysis of variance within gates: pair means against their blocks' noise.
    let between = 0;
    let betweenDf = 0;
    const noise: number[] = [];
    for (const gate of gates) {
      const ds = gate.map((p) => blockDiffs(p, metric).map((x) => x.d)).filter((d) => d.length > 1);
      if (ds.length < 2) continue;
      between += variance(ds.map(mean)) * (ds.length - 1);
      betweenDf += ds.length - 1;
      for (const d of ds) noise.push(variance(d) / d.length);
    }
    if (betweenDf > 0) {
      const observed = between / betweenDf;
      const explained = mean(noise);
      console.log(
        `  boot pairs within a gate: their means vary ${(100 * Math.sqrt(observed)).toFixed(2)}% (sd), ` +
          `their blocks explain ${(100 * Math.sqrt(explained)).toFixed(2)}%: boot-to-boot ` +
          `${(100 * Math.sqrt(Math.max(0, observed - explained))).toFixed(2)}% (${betweenDf} df)`,
      );
    }
    const full = pairs
      .map((p) => blockDiffs(p, metric).map((x) => x.d))
      .filter((d) => d.length >= 6);
    if (full.length > 1) {
      const lags = [1, 2, 3, 4].map((lag) => withinPairCorrelation(full, lag).toFixed(2));
      console.log(
        `  blocks of a boot pair, 1-4 apart, correlate ${lags.join(', ')} about the pair's mean ` +
          `(${full.length} pairs of 6+ blocks; independent blocks: about -1/(blocks - 1))`,
      );
    }
  }
}

main();
