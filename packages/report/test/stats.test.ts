import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '@plas/engine';
import {
  bootstrapInterval,
  judgeExpectation,
  mean,
  mulberry32,
  pairedDifferences,
  probabilityOfImprovement,
  quantileSorted,
  sampleSd,
  tInterval,
  verdictOf,
  windowMean,
} from '../src/index.ts';

describe('mean and sd', () => {
  it('match hand-computed values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // Σ(x - 2.5)² = 5, /3
    expect(sampleSd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(sampleSd([7])).toBeNull();
    expect(() => mean([])).toThrow(/empty/);
  });
});

describe('tInterval', () => {
  it('gives mean ± t(0.975, 3)·sd/√4 for [1,2,3,4]', () => {
    const ci = tInterval([1, 2, 3, 4]);
    expect(ci).not.toBeNull();
    // t(0.975, 3) = 3.182446305; sd/√n = 1.290994449/2 = 0.645497224; half width 2.054260
    expect(ci?.t).toBeCloseTo(3.182446305, 8);
    expect(ci?.se).toBeCloseTo(0.645497224, 8);
    expect(ci?.low).toBeCloseTo(0.44574, 5);
    expect(ci?.high).toBeCloseTo(4.55426, 5);
  });
  it('uses t(0.975, 1) = 12.7062 for two values and narrows with the level', () => {
    const ci = tInterval([0, 2]);
    // mean 1, sd √2, se 1
    expect(ci?.low).toBeCloseTo(1 - 12.7062047, 6);
    const ci90 = tInterval([0, 2], 0.9);
    expect(ci90?.t).toBeCloseTo(6.3137515, 6);
  });
  it('is null below two values and rejects a bad level', () => {
    expect(tInterval([3])).toBeNull();
    expect(() => tInterval([1, 2], 1.5)).toThrow(/level/);
  });
});

describe('quantileSorted (type 7)', () => {
  it('interpolates between order statistics', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
  });
});

describe('mulberry32', () => {
  it('is deterministic, in [0, 1), and roughly uniform', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeGreaterThan(0.49);
    expect(mean(xs)).toBeLessThan(0.51);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });
});

describe('bootstrapInterval', () => {
  const values = [0.61, 0.64, 0.58, 0.66, 0.63];
  it('is identical across calls with the default seed, and plausible', () => {
    const a = bootstrapInterval(values);
    const b = bootstrapInterval(values);
    expect(a).toEqual(b);
    expect(a?.resamples).toBe(10_000);
    const m = mean(values);
    expect(a?.low).toBeLessThan(m);
    expect(a?.high).toBeGreaterThan(m);
    expect(a?.low).toBeGreaterThanOrEqual(0.58);
    expect(a?.high).toBeLessThanOrEqual(0.66);
    // narrower than the t-interval with 5 values (the percentile bootstrap under-covers with few seeds)
    const t = tInterval(values);
    expect((a?.high ?? 0) - (a?.low ?? 0)).toBeLessThan((t?.high ?? 0) - (t?.low ?? 0));
  });
  it('changes with the seed', () => {
    expect(bootstrapInterval(values, { seed: 1 })).not.toEqual(bootstrapInterval(values, { seed: 2 }));
  });
  it('gives [0, 1] for [0, 1]: resample means 0, ½, 1 with probabilities ¼, ½, ¼', () => {
    const ci = bootstrapInterval([0, 1]);
    expect(ci?.low).toBe(0);
    expect(ci?.high).toBe(1);
  });
  it('collapses on constant values and is null below two values', () => {
    const ci = bootstrapInterval([2, 2, 2]);
    expect([ci?.low, ci?.high]).toEqual([2, 2]);
    expect(bootstrapInterval([1])).toBeNull();
    expect(() => bootstrapInterval([1, 2], { resamples: 0 })).toThrow(/resamples/);
  });
});

describe('pairedDifferences', () => {
  it('matches by sweep point and seed, and reports the unmatched', () => {
    const arm = [
      { point: 'lr=0.1', seed: 1, value: 5 },
      { point: 'lr=0.1', seed: 0, value: 4 },
      { point: 'lr=0.01', seed: 0, value: 9 },
      { point: 'lr=0.1', seed: 2, value: 1 },
    ];
    const base = [
      { point: 'lr=0.1', seed: 0, value: 3 },
      { point: 'lr=0.1', seed: 1, value: 3.5 },
      { point: 'lr=0.01', seed: 0, value: 7 },
      { point: 'lr=0.01', seed: 1, value: 7 },
    ];
    const { pairs, unmatchedArm, unmatchedBase } = pairedDifferences(arm, base);
    expect(pairs.map((p) => [p.point, p.seed, p.diff])).toEqual([
      ['lr=0.01', 0, 2],
      ['lr=0.1', 0, 1],
      ['lr=0.1', 1, 1.5],
    ]);
    expect(unmatchedArm).toEqual([{ point: 'lr=0.1', seed: 2, value: 1 }]);
    expect(unmatchedBase).toEqual([{ point: 'lr=0.01', seed: 1, value: 7 }]);
  });
  it('refuses two values for one seed', () => {
    expect(() => pairedDifferences([{ point: '', seed: 0, value: 1 }, { point: '', seed: 0, value: 2 }], [])).toThrow(/two arm values/);
  });
});

describe('probabilityOfImprovement', () => {
  const pairs = [
    { arm: 3, base: 1 },
    { arm: 5, base: 6 },
    { arm: 2, base: 2 },
  ];
  it('counts seed wins (ties ½) and all-pairs wins', () => {
    const p = probabilityOfImprovement(pairs, 'higher');
    expect(p?.seedWinRate).toBeCloseTo(1.5 / 3, 12);
    // 3 vs {1,6,2}: 1+0+1; 5 vs: 1+0+1; 2 vs: 1+0+½  → 5.5 / 9
    expect(p?.pairwise).toBeCloseTo(5.5 / 9, 12);
  });
  it('reverses when lower is better', () => {
    const p = probabilityOfImprovement(pairs, 'lower');
    expect(p?.seedWinRate).toBeCloseTo(0.5, 12);
    expect(p?.pairwise).toBeCloseTo(3.5 / 9, 12);
    expect(probabilityOfImprovement([], 'lower')).toBeNull();
  });
});

describe('windowMean', () => {
  const pt = (phase: string, task: number, epoch: number, step: number, value: SeriesPoint['value']): SeriesPoint => ({
    step,
    epoch,
    examples: step * 10,
    phase,
    task,
    value,
  });
  const series = [
    pt('pre', 0, 1, 10, 0.1),
    pt('pre', 0, 2, 20, 0.2),
    pt('tune', 0, 1, 30, 0.5),
    pt('tune', 0, 2, 40, 0.6),
    pt('tune', 0, 3, 50, 0.7),
    pt('tune', 0, 4, 60, 0.9),
  ];
  it('averages the last N epochs of a phase', () => {
    expect(windowMean(series, { count: 3, unit: 'epochs', phase: 'tune' }).value).toBeCloseTo((0.6 + 0.7 + 0.9) / 3, 12);
    expect(windowMean(series, { count: 2, unit: 'evals', phase: null }).value).toBeCloseTo(0.8, 12);
  });
  it('says when the phase holds fewer units than asked', () => {
    const w = windowMean(series, { count: 5, unit: 'epochs', phase: 'pre' });
    expect(w.value).toBeCloseTo(0.15, 12);
    expect([w.used, w.requested]).toEqual([2, 5]);
    expect(w.note).toMatch(/only 2 of 5/);
    expect(windowMean(series, { count: 1, unit: 'epochs', phase: 'nope' }).value).toBeNull();
  });
  it('leaves out the measurement taken right after an intervention, and takes first windows from the start', () => {
    const afterReset: SeriesPoint = { ...pt('tune', 0, 0, 20, 0.05), afterIntervention: true };
    const withReset = [...series.slice(0, 2), afterReset, ...series.slice(2)];
    expect(windowMean(withReset, { count: 5, unit: 'epochs', phase: 'tune' }).value).toBeCloseTo((0.5 + 0.6 + 0.7 + 0.9) / 4, 12);
    expect(windowMean(withReset, { count: 3, unit: 'evals', phase: null }, 'first').value).toBeCloseTo((0.1 + 0.2 + 0.5) / 3, 12);
    expect(windowMean(withReset, { count: 2, unit: 'epochs', phase: 'tune' }, 'first').value).toBeCloseTo(0.55, 12);
  });
  it('groups by task: each task averaged, then the tasks', () => {
    const tasks = [pt('t', 0, 1, 1, 1), pt('t', 1, 1, 2, 2), pt('t', 1, 2, 3, 4), pt('t', 2, 1, 4, 6)];
    // last 2 tasks: task 1 → (2+4)/2 = 3, task 2 → 6; mean 4.5
    expect(windowMean(tasks, { count: 2, unit: 'tasks', phase: 't' }).value).toBeCloseTo(4.5, 12);
  });
  it('is null with a null in the window; uses the total of per-layer values', () => {
    const withNull = [...series.slice(0, 5), pt('tune', 0, 4, 60, null)];
    const w = windowMean(withNull, { count: 2, unit: 'epochs', phase: 'tune' });
    expect(w.value).toBeNull();
    expect(w.note).toMatch(/step 60/);
    const layered = [pt('p', 0, 1, 1, { a: 1, total: 3 }), pt('p', 0, 2, 2, { a: 2, total: 5 })];
    expect(windowMean(layered, { count: 2, unit: 'evals', phase: null }).value).toBe(4);
    expect(windowMean([pt('p', 0, 1, 1, { a: 1 })], { count: 1, unit: 'evals', phase: null }).value).toBeNull();
  });
});

describe('judgeExpectation', () => {
  it('PASSED, INCONCLUSIVE, FAILED from the 95% t-interval of [1,2,3,4] ≈ [0.446, 4.554]', () => {
    expect(judgeExpectation([1, 2, 3, 4], { op: '>', value: 0 }).verdict).toBe('PASSED');
    expect(judgeExpectation([1, 2, 3, 4], { op: '>', value: 1 }).verdict).toBe('INCONCLUSIVE');
    expect(judgeExpectation([1, 2, 3, 4], { op: '>', value: 5 }).verdict).toBe('FAILED');
    expect(judgeExpectation([1, 2, 3, 4], { op: '<', value: 5 }).verdict).toBe('PASSED');
    expect(judgeExpectation([1, 2, 3, 4], { op: '<', value: 0 }).verdict).toBe('FAILED');
    const r = judgeExpectation([1, 2, 3, 4], { op: '>', value: 0 });
    expect(r.low).toBeCloseTo(0.44574, 5);
    expect(r.mean).toBe(2.5);
  });
  it('is INCONCLUSIVE without an interval, or touching the value', () => {
    expect(judgeExpectation([3], { op: '>', value: 0 })).toMatchObject({ verdict: 'INCONCLUSIVE', n: 1, mean: 3 });
    expect(judgeExpectation([], { op: '>', value: 0 })).toMatchObject({ verdict: 'INCONCLUSIVE', n: 0, mean: null });
    expect(verdictOf({ low: 0, high: 1 }, { op: '>', value: 0 })).toBe('INCONCLUSIVE');
  });
});
