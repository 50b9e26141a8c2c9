/**
 * A tiny seeded PRNG for resampling: mulberry32 (Tommy Ettinger, public domain, 2017).
 *
 *   state += 0x6D2B79F5;  z = state;  z = (z ^ z>>>15) * (z | 1);  z ^= z + (z ^ z>>>7) * (z | 61);
 *   output = (z ^ z>>>14) >>> 0  / 2^32   ∈ [0, 1)
 *
 * 32 bits of state: plenty for drawing bootstrap indices, and the same seed gives the same stream on every platform
 * (only 32-bit integer arithmetic via Math.imul). Never Math.random: reports must be reproducible.
 */

export type Random = () => number;

export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}
