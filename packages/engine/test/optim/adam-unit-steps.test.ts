/**
 * Adam with per-unit step restarts (Dohare et al.'s AdamGnT, lop/algos/gnt.py): when continual backprop replaces a
 * unit, that unit's moments AND step count restart, so its bias correction starts afresh. Checked against updates
 * computed by hand in float64.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/backend/select.ts';
import { createOptimizer } from '../../src/optim/index.ts';

const [lr, b1, b2, eps] = [0.01, 0.9, 0.999, 1e-8];

/** One hand-computed Adam element: the state after a step with gradient g, and the update applied. */
function adamStep(s: { m: number; v: number; t: number }, g: number): { state: typeof s; delta: number } {
  const t = s.t + 1;
  const m = b1 * s.m + (1 - b1) * g;
  const v = b2 * s.v + (1 - b2) * g * g;
  const delta = (lr / (1 - b1 ** t)) * (m / (Math.sqrt(v) / Math.sqrt(1 - b2 ** t) + eps));
  return { state: { m, v, t }, delta };
}

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('Adam: restarting the step count of some units', () => {
  it('restarts bias correction for the reset unit only, and keeps it per element afterwards', () => {
    const w = tf.variable(tf.zeros([1, 2]));
    const params = new Map([['w', w]]);
    const opt = createOptimizer({ kind: 'adam', lr, beta1: b1, beta2: b2, eps }, params);
    const grads = [0.5, 2, -1, 3];
    const expected = [0, 0];
    let unit0 = { m: 0, v: 0, t: 0 };
    let unit1 = { m: 0, v: 0, t: 0 };
    grads.forEach((g, i) => {
      if (i === 2) {
        opt.resetUnits('w', 1, [1], { steps: true }); // unit 1 replaced after two steps
        unit1 = { m: 0, v: 0, t: 0 };
      }
      const grad = tf.fill([1, 2], g);
      opt.apply({ w: grad }, params);
      grad.dispose();
      const a = adamStep(unit0, g);
      const b = adamStep(unit1, g);
      unit0 = a.state;
      unit1 = b.state;
      expected[0]! -= a.delta;
      expected[1]! -= b.delta;
      const got = Array.from(w.dataSync());
      expect(got[0]).toBeCloseTo(expected[0]!, 6);
      expect(got[1]).toBeCloseTo(expected[1]!, 6);
    });
    // The replaced unit counted its own two steps since the restart, the other unit all four.
    expect([unit0.t, unit1.t]).toEqual([4, 2]);
    // A restarted unit's first update is lr·sign(g) (m/√v with full bias correction), as for a new parameter.
    expect(adamStep({ m: 0, v: 0, t: 0 }, -1).delta).toBeCloseTo(-lr, 9);
    opt.dispose();
    w.dispose();
  });

  it('without `steps`, a unit reset keeps the step count (ReDo), bit for bit as before', () => {
    const run = (withOption: boolean): number[] => {
      const w = tf.variable(tf.zeros([1, 2]));
      const params = new Map([['w', w]]);
      const opt = createOptimizer({ kind: 'adam', lr, beta1: b1, beta2: b2, eps }, params);
      for (const [i, g] of [0.5, 2, -1].entries()) {
        if (i === 2) opt.resetUnits('w', 1, [1], withOption ? {} : undefined);
        const grad = tf.fill([1, 2], g);
        opt.apply({ w: grad }, params);
        grad.dispose();
      }
      const out = Array.from(w.dataSync());
      opt.dispose();
      w.dispose();
      return out;
    };
    expect(run(true)).toEqual(run(false));
    const kept = adamStep(adamStep(adamStep({ m: 0, v: 0, t: 0 }, 0.5).state, 2).state, -1);
    expect(kept.state.t).toBe(3);
  });

  it('a full reset drops the per-element counts (the next update equals a very first one)', () => {
    const w = tf.variable(tf.zeros([2]));
    const params = new Map([['w', w]]);
    const opt = createOptimizer({ kind: 'adam', lr, beta1: b1, beta2: b2, eps }, params);
    const g = tf.tensor1d([1, 1]);
    opt.apply({ w: g }, params);
    opt.resetUnits('w', 0, [0], { steps: true });
    opt.reset();
    const before = Array.from(w.dataSync());
    opt.apply({ w: g }, params);
    const after = Array.from(w.dataSync());
    const first = adamStep({ m: 0, v: 0, t: 0 }, 1).delta;
    expect(before[0]! - after[0]!).toBeCloseTo(first, 7);
    expect(before[1]! - after[1]!).toBeCloseTo(first, 7);
    g.dispose();
    opt.dispose();
    w.dispose();
  });
});
