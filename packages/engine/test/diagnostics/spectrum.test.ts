import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { effectiveRankOf } from '../../src/diagnostics/effective-rank.ts';
import { featureRankOf } from '../../src/diagnostics/feature-rank.ts';
import { singularValues } from '../../src/diagnostics/spectrum.ts';
import { srankOf } from '../../src/diagnostics/srank.ts';

const entropy = (ps: number[]): number => -ps.reduce((a, p) => a + (p > 0 ? p * Math.log(p) : 0), 0);

describe('singular values (ml-matrix SVD)', () => {
  it('are the diagonal of a diagonal matrix, sorted', () => {
    expect(singularValues(new Matrix([[1, 0, 0], [0, 3, 0], [0, 0, 0]]))).toEqual([3, 1, 0].map((v) => expect.closeTo(v, 12)));
  });
  it('are invariant to a rotation: Q·diag(3,1) with Q a 45° rotation, and to transposing a wide matrix', () => {
    const c = Math.SQRT1_2;
    const m = new Matrix([[3 * c, -c], [3 * c, c], [0, 0]]);
    const sigma = singularValues(m);
    expect(sigma[0]).toBeCloseTo(3, 12);
    expect(sigma[1]).toBeCloseTo(1, 12);
    const wide = singularValues(m.transpose());
    expect(wide[0]).toBeCloseTo(3, 12);
    expect(wide[1]).toBeCloseTo(1, 12);
  });
  it('of an empty matrix are none', () => {
    expect(singularValues(new Matrix(0, 0))).toEqual([]);
  });
});

describe('effective rank (Roy & Vetterli)', () => {
  it('diag(1,1,0) has erank 2', () => {
    expect(effectiveRankOf(singularValues(Matrix.diag([1, 1, 0])))).toBeCloseTo(2, 10);
  });
  it('diag(3,1) has erank exp(H(0.75, 0.25))', () => {
    expect(effectiveRankOf([3, 1])).toBeCloseTo(Math.exp(entropy([0.75, 0.25])), 12);
    expect(effectiveRankOf([3, 1])).toBeCloseTo(1.7548, 4);
  });
  it('k equal singular values give k; an all-zero spectrum gives 0', () => {
    expect(effectiveRankOf([2, 2, 2, 2])).toBeCloseTo(4, 12);
    expect(effectiveRankOf([0, 0])).toBe(0);
  });
});

describe('srank (Kumar 2021)', () => {
  it('is the smallest k whose singular values hold 1-δ of the sum', () => {
    expect(srankOf([3, 1], 0.01)).toBe(2); // 0.75 < 0.99 ≤ 1
    expect(srankOf([3, 1], 0.25)).toBe(1); // 0.75 ≥ 0.75 (boundary counts)
    expect(srankOf([3, 1], 0.3)).toBe(1);
    expect(srankOf([99, 1, 0], 0.01)).toBe(1); // 0.99 ≥ 0.99
    expect(srankOf([98, 1, 1], 0.01)).toBe(2);
    expect(srankOf([1, 1, 1, 1], 0)).toBe(4);
    expect(srankOf([0, 0], 0.01)).toBe(0);
  });
  it('on a crafted matrix: diag(10, 5, 0.1) holds 0.9934 in two values', () => {
    const sigma = singularValues(Matrix.diag([0.1, 10, 5]));
    expect(srankOf(sigma, 0.01)).toBe(2);
    expect(srankOf(sigma, 0.001)).toBe(3);
  });
});

describe('feature rank (Lyle 2022)', () => {
  it('counts singular values of Φ/√n above ε', () => {
    // Φ is 4×2 with singular values 2 and 0.03: of Φ/√4 they are 1 and 0.015
    const phi = new Matrix([[2, 0], [0, 0.03], [0, 0], [0, 0]]);
    const sigma = singularValues(phi);
    expect(featureRankOf(sigma, 4, 0.01)).toBe(2);
    expect(featureRankOf(sigma, 4, 0.02)).toBe(1);
    expect(featureRankOf(sigma, 4, 1)).toBe(0); // strictly above
    expect(featureRankOf([], 0, 0.01)).toBe(0);
  });
});
