/**
 * Seeded pseudo-random numbers for weighted choice, `${randomInt(a,b)}`, `${uuid}` and random
 * data rows, so that a run with the same seed sends the same sequence. Not for cryptography.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform whole number in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** An RFC 4122 version-4 shaped UUID drawn from this generator. */
  uuid(): string;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** sfc32 (Chris Doty-Humphrey's small fast counter): fast, 128-bit state, good statistical quality. */
export function createRng(seed: number): Rng {
  // Spread one 32-bit seed over the state with splitmix32 so nearby seeds diverge quickly.
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();

  const next = (): number => u32() / 4294967296;
  return {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    uuid() {
      const b = new Array<number>(16);
      for (let i = 0; i < 16; i += 4) {
        const x = u32();
        b[i] = x & 0xff;
        b[i + 1] = (x >>> 8) & 0xff;
        b[i + 2] = (x >>> 16) & 0xff;
        b[i + 3] = x >>> 24;
      }
      b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
      b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
      const h = (i: number): string => HEX[b[i] ?? 0] ?? '00';
      return (
        h(0) +
        h(1) +
        h(2) +
        h(3) +
        '-' +
        h(4) +
        h(5) +
        '-' +
        h(6) +
        h(7) +
        '-' +
        h(8) +
        h(9) +
        '-' +
        h(10) +
        h(11) +
        h(12) +
        h(13) +
        h(14) +
        h(15)
      );
    },
  };
}

/** Seed of thread `index`: distinct streams per thread, still fixed by the configured seed. */
export function threadSeed(seed: number, index: number): number {
  return (seed + Math.imul(index, 0x6d2b79f5)) >>> 0;
}
