import { describe, expect, it } from 'vitest';
import { deriveSeed, makeRng, permutation } from '../src/core/seed.ts';

describe('deriveSeed', () => {
  it('is a stable uint32 of the path', () => {
    const s = deriveSeed(7, 'permute', 3);
    expect(s).toBe(deriveSeed(7, 'permute', 3));
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    expect(deriveSeed(0)).toBe(0xd0bca111); // sha256("[0]") = d0bca111...
  });

  it('differs for any change of root or path', () => {
    const seen = new Set<number>();
    for (const root of [0, 1, 2]) for (const task of [0, 1, 2, 3]) seen.add(deriveSeed(root, 'permute', task));
    seen.add(deriveSeed(0, 'permute'));
    seen.add(deriveSeed(0, 'permute', '0')); // string '0' is not number 0
    expect(seen.size).toBe(14);
  });
});

describe('makeRng', () => {
  it('gives the same sequence for the same seed and a different one otherwise', () => {
    const a = makeRng(42);
    const b = makeRng(42);
    const c = makeRng(43);
    const xa = Array.from({ length: 20 }, () => a.next());
    const xb = Array.from({ length: 20 }, () => b.next());
    const xc = Array.from({ length: 20 }, () => c.next());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('next() is in [0, 1) with mean 1/2', () => {
    const r = makeRng(1);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = r.next();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('int(n) covers 0..n-1 evenly (chi-square, 9 dof)', () => {
    const r = makeRng(2);
    const counts = new Array<number>(10).fill(0);
    const draws = 50000;
    for (let i = 0; i < draws; i++) counts[r.int(10)]!++;
    const e = draws / 10;
    const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(27.9); // p = 0.001
    expect(r.int(1)).toBe(0);
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.int(2.5)).toThrow(RangeError);
  });

  it('normal() has mean 0 and variance 1', () => {
    const r = makeRng(3);
    const n = 40000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
  });
});

describe('permutation', () => {
  it('is a permutation, seeded, and not the identity', () => {
    const p = permutation(1000, makeRng(5));
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(p).toEqual(permutation(1000, makeRng(5)));
    expect(p).not.toEqual(permutation(1000, makeRng(6)));
    expect(Array.from(p).filter((v, i) => v === i).length).toBeLessThan(10);
    expect(permutation(0, makeRng(1)).length).toBe(0);
  });

  it('puts every value at position 0 about equally often', () => {
    const counts = new Array<number>(4).fill(0);
    const r = makeRng(9);
    for (let i = 0; i < 8000; i++) counts[permutation(4, r)[0]!]!++;
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });
});
