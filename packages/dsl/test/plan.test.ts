/** planSummary: cells and hand-computed training-step estimates. */
import { describe, expect, it } from 'vitest';
import { compileSource, planSummary } from '../src/index.ts';

describe('planSummary', () => {
  it('counts steps from sizes, batch and durations (until at its max)', () => {
    const r = compileSource(
      `experiment p {
        data mnist(train: 1000, test: 100)
        model mlp
        optimizer adam(lr: 1e-3)
        batch 100
        seeds 3
        stream {
          phase a: train on subset(fraction: 0.5) until train.accuracy >= 0.9 max 4 epochs
          phase b: train on all for 250 steps
          phase c: train on classes([0, 1]) for 2 epochs
          repeat 5 tasks: train on permute_pixels for 1000 examples
        }
        baseline fresh: at b: reset all
        arm warm
        sweep grid(batch: [100, 50])
      }`,
      'p.plas',
    );
    expect(r.diagnostics).toEqual([]);
    const p = planSummary(r.ir!);
    // a: 500 examples / 100 = 5 steps × 4 epochs = 20; b: 250; c: 200 examples → 2 steps × 2 = 4; repeat: 10 × 5 = 50.
    expect(p.stream.map((s) => s.steps)).toEqual([20, 250, 4, 50]);
    expect(p.stepsPerCell).toEqual({ 'batch=100': 324, 'batch=50': 40 + 250 + 8 + 100 });
    expect(p.cells).toBe(2 * 2 * 3);
    expect(p.totalSteps).toBe((324 + 398) * 2 * 3);
  });
});
