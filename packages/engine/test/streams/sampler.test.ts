import { describe, expect, it } from 'vitest';
import { checkStream, makeSampler, makeTaskView, smoothProbability } from '../../src/streams/index.ts';
import { phase, range, repeat, rowsOf, toyDataset, toyRegression } from './toy.ts';

const ds = toyDataset({ n: 10, classes: 2 });

describe('epoch sampler', () => {
  it('covers every index once per epoch, keeps the last partial batch, and reshuffles', () => {
    const view = makeTaskView(ds, phase('p', [{ kind: 'all' }]), 0, 1);
    const s = makeSampler(view, { batch: 3, seed: 9, totalSteps: 100 });
    const epochs: number[][] = [];
    for (let e = 0; e < 3; e++) {
      const seen: number[] = [];
      const sizes: number[] = [];
      const ends: boolean[] = [];
      for (let b = 0; b < 4; b++) {
        const { indices, epochEnded } = s.next();
        seen.push(...indices);
        sizes.push(indices.length);
        ends.push(epochEnded);
      }
      expect(sizes).toEqual([3, 3, 3, 1]);
      expect(ends).toEqual([false, false, false, true]);
      expect([...seen].sort((a, b) => a - b)).toEqual(range(10));
      epochs.push(seen);
    }
    expect(epochs[0]).not.toEqual(epochs[1]);
    const again = makeSampler(view, { batch: 3, seed: 9, totalSteps: 100 });
    expect(Array.from(again.next().indices)).toEqual(epochs[0]!.slice(0, 3));
    const other = makeSampler(view, { batch: 10, seed: 10, totalSteps: 100 });
    expect(Array.from(other.next().indices)).not.toEqual(epochs[0]);
  });

  it('visits ordered data in order without shuffling', () => {
    const view = makeTaskView(toyRegression(5), phase('p', []), 0, 1);
    const s = makeSampler(view, { batch: 2, seed: 1, totalSteps: 10 });
    const got = [s.next(), s.next(), s.next(), s.next()];
    expect(got.map((g) => Array.from(g.indices))).toEqual([[0, 1], [2, 3], [4], [0, 1]]);
    expect(got.map((g) => g.epochEnded)).toEqual([false, false, true, false]);
  });

  it('refuses a bad batch size', () => {
    const view = makeTaskView(ds, phase('p', []), 0, 1);
    expect(() => makeSampler(view, { batch: 0, seed: 1, totalSteps: 1 })).toThrow(/batch must be a positive integer/);
  });
});

describe('smooth transition (Berariu et al.)', () => {
  it('p(n) = 1 - gamma^(50 n / N) at hand-computed steps', () => {
    expect(smoothProbability(0, 100, 0.5)).toBe(0);
    expect(smoothProbability(2, 100, 0.5)).toBeCloseTo(0.5, 12); // 0.5^1
    expect(smoothProbability(4, 100, 0.5)).toBeCloseTo(0.75, 12); // 0.5^2
    expect(smoothProbability(1, 100, 0.9)).toBeCloseTo(1 - Math.sqrt(0.9), 12); // 0.9^0.5 = 0.948683
    expect(smoothProbability(1, 100, 0.9)).toBeCloseTo(0.0513167, 6);
    expect(smoothProbability(100, 100, 0.9)).toBeCloseTo(1 - 0.00515377, 7); // 0.9^50
    expect(smoothProbability(5, 10, 1)).toBe(0);
  });

  it('draws from `from` at the start and from all data later, in proportion p(n)', () => {
    const big = toyDataset({ n: 200, classes: 2 });
    const view = makeTaskView(big, phase('p', [{ kind: 'smooth', gamma: 0.5, from: [{ kind: 'classes', classes: [0] }] }]), 0, 1);
    expect(view.n).toBe(200);
    expect(view.smooth).toEqual({ gamma: 0.5, fromOffset: 200, fromN: 100 });
    const totalSteps = 100;
    const s = makeSampler(view, { batch: 2000, seed: 3, totalSteps });
    const oddShare = (): number => {
      const { indices } = s.next();
      const rows = rowsOf(view.gather(indices).x, 4);
      return rows.filter((r) => r % 2 === 1).length / rows.length;
    };
    // an odd row can only come from "all data" (prob p, then 1/2 of it): share = p / 2
    expect(oddShare()).toBe(0); // step 0: p = 0
    expect(oddShare()).toBeCloseTo((1 - Math.pow(0.5, 0.5)) / 2, 1); // step 1: p = 0.293
    expect(oddShare()).toBeCloseTo(0.25, 1); // step 2: p = 0.5
    const from = view.gather([200, 201, 299]);
    expect(Array.from(from.y)).toEqual([0, 0, 0]);
  });

  it('counts epochs in examples and must end the pipeline', () => {
    const view = makeTaskView(ds, phase('p', [{ kind: 'smooth', gamma: 0.5, from: [{ kind: 'subset', fraction: 0.5 }] }]), 0, 1);
    const s = makeSampler(view, { batch: 4, seed: 1, totalSteps: 10 });
    expect([s.next(), s.next(), s.next()].map((b) => b.epochEnded)).toEqual([false, false, true]); // 4, 8, 12 examples of 10
    expect(() =>
      checkStream(ds, [phase('p', [{ kind: 'smooth', gamma: 0.5, from: [{ kind: 'all' }] }, { kind: 'permute_pixels' }])], 1),
    ).toThrow(/'permute_pixels' cannot follow smooth/);
    expect(() => checkStream(ds, [repeat('t', 3, [{ kind: 'smooth', gamma: 2, from: [{ kind: 'all' }] }])], 1)).toThrow(
      /gamma must be in \[0, 1\]/,
    );
  });
});
