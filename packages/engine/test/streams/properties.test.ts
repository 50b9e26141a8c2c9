import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeSampler, makeTaskView, taskViews } from '../../src/streams/index.ts';
import { phase, range, repeat, rowsOf, toyDataset } from './toy.ts';

const ds = toyDataset({ n: 60, classes: 6 });

describe('stream properties (fast-check)', () => {
  it('multi_stage stages are nested, class-consistent and end with all the data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(1000), (stages, uniform, seed) => {
        const views = [...taskViews(ds, [repeat('s', stages, [{ kind: 'multi_stage', stages, uniform, stage: null }])], seed)];
        let prev = new Set<number>();
        for (const v of views) {
          const g = v.gather(range(v.n));
          const rows = rowsOf(g.x, 4);
          rows.forEach((r, i) => expect(g.y[i]).toBe(r % 6)); // labels travel with their rows
          for (const r of prev) expect(rows).toContain(r);
          prev = new Set(rows);
        }
        expect(prev.size).toBe(60);
      }),
      { numRuns: 40, seed: 20260101 },
    );
  });

  it('an epoch of any batch size visits every position exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(1000), (batch, seed) => {
        const view = makeTaskView(ds, phase('p', [{ kind: 'subset', fraction: 0.5 }]), 0, seed);
        const s = makeSampler(view, { batch, seed, totalSteps: 1 });
        const seen: number[] = [];
        for (;;) {
          const { indices, epochEnded } = s.next();
          seen.push(...indices);
          if (epochEnded) break;
        }
        expect(seen.sort((a, b) => a - b)).toEqual(range(30));
      }),
      { numRuns: 40, seed: 20260101 },
    );
  });
});
