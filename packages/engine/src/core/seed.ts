/**
 * Seeds and random numbers for everything the engine draws.
 *
 * `deriveSeed(root, ...path)` names every random draw by a path (e.g. `deriveSeed(cell, 'permute', task)`) and
 * hashes it, so adding an arm, a task or a new purpose never shifts the numbers any other draw sees. The hash is
 * sha256 over the canonical JSON of `[root, ...path]`; the seed is its first 4 bytes as a big-endian uint32.
 *
 * `makeRng(seed)` wraps pure-rand's xoroshiro128plus (no Math.random anywhere): `next()` takes 53 bits from two
 * 32-bit draws, `int(n)` is unbiased by rejection, `normal()` is Box–Muller (one variate per call, no cache, so
 * the state is only the generator's).
 */
import { createHash } from 'node:crypto';
import { xoroshiro128plus } from 'pure-rand';

export function deriveSeed(root: number, ...path: (string | number)[]): number {
  const digest = createHash('sha256').update(JSON.stringify([root, ...path])).digest();
  return digest.readUInt32BE(0);
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

export function makeRng(seed: number): Rng {
  const gen = xoroshiro128plus(seed | 0);
  const u32 = (): number => gen.unsafeNext() >>> 0;
  const next = (): number => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / TWO_POW_53;
  return {
    next,
    int(n: number): number {
      if (!Number.isInteger(n) || n <= 0) throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
      if (n <= TWO_POW_32) {
        // rejection sampling over 32 bits keeps every value equally likely
        const limit = TWO_POW_32 - (TWO_POW_32 % n);
        for (;;) {
          const v = u32();
          if (v < limit) return v % n;
        }
      }
      return Math.floor(next() * n);
    },
    normal(): number {
      let u = next();
      while (u === 0) u = next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates, from the last position down). */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}
