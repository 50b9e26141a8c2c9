/**
 * Adam's per-element bias corrections computed once per distinct step count (step-groups.ts) are bitwise the
 * per-element kernels they replaced, lr / (1 - β1^t) and √(1 - β2^t) over the whole count tensor, step after step
 * across restarts of some units' counts (with and without the heap fill), and a whole Adam run with restarts is
 * bitwise that formula's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/backend/select.ts';
import { createOptimizer } from '../../src/optim/index.ts';
import { StepGroups } from '../../src/optim/step-groups.ts';
import { zeroUnits } from '../../src/optim/slot-store.ts';

afterAll(async () => {
  await selectBackend('wasm');
});

const hyper = { lr: 1e-3, beta1: 0.9, beta2: 0.999 };
const bytes = (t: tf.Tensor): number[] => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));

/** The per-element kernels of adam.ts before the grouping. */
function perElement(steps: tf.Tensor): { stepSize: tf.Tensor; sqrtBc2: tf.Tensor } {
  return tf.tidy(() => ({
    stepSize: tf.div(tf.scalar(hyper.lr), tf.sub(tf.scalar(1), tf.pow(tf.scalar(hyper.beta1), steps))),
    sqrtBc2: tf.sqrt(tf.sub(tf.scalar(1), tf.pow(tf.scalar(hyper.beta2), steps))),
  }));
}

describe.each(['wasm', 'cpu'] as const)('per-element Adam corrections by group, on %s', (backend) => {
  it('equal the per-element kernels bit for bit, step after step, across restarts of some units', async () => {
    await selectBackend(backend);
    const steps = tf.variable(tf.fill([30, 7], 5), false);
    const groups = new StepGroups();
    const scalars = new Map<number, tf.Scalar>();
    const scalar = (v: number): tf.Scalar => scalars.get(v) ?? scalars.set(v, tf.keep(tf.scalar(v))).get(v)!;
    const before = tf.memory().numTensors;
    for (let step = 0; step < 40; step++) {
      // restart some units' counts now and then, as continual backprop does (columns = units)
      if (step % 9 === 3) {
        zeroUnits([steps], 1, [step % 7, (step * 3) % 7]);
        groups.invalidate();
      }
      tf.tidy(() => steps.assign(tf.add(steps, tf.scalar(1))));
      const got = tf.tidy(() => {
        const c = groups.corrections(steps, scalar, hyper);
        return [bytes(c.stepSize), bytes(c.sqrtBc2), c.stepSize.shape];
      });
      const want = perElement(steps);
      expect(got).toEqual([bytes(want.stepSize), bytes(want.sqrtBc2), [30, 7]]);
      tf.dispose([want.stepSize, want.sqrtBc2]);
    }
    // counts of 1 (restarted a step ago) and of 45 (never) met in one step above; no tensor is left behind
    expect(new Set(steps.dataSync()).size).toBeGreaterThan(2);
    expect(tf.memory().numTensors).toBe(before + scalars.size); // the step's shared scalars, freed below
    steps.dispose();
    for (const s of scalars.values()) s.dispose();
  });

  it('leave a whole Adam run with restarts where the per-element formula puts it', async () => {
    await selectBackend(backend);
    const w = tf.variable(tf.randomNormal([6, 4], 0, 1, 'float32', 3));
    const params = new Map([['w', w]]);
    const opt = createOptimizer({ kind: 'adam', lr: hyper.lr, beta1: hyper.beta1, beta2: hyper.beta2, eps: 1e-8 }, params);
    // the same run written out: one count (float64 corrections) until the first restart, then per-element kernels
    const p = tf.variable(w.clone());
    const m = tf.variable(tf.zerosLike(w));
    const v = tf.variable(tf.zerosLike(w));
    const t = tf.variable(tf.zerosLike(w));
    for (let step = 0; step < 12; step++) {
      if (step === 4 || step === 7) {
        opt.resetUnits('w', 1, [step % 4], { steps: true });
        zeroUnits([m, v, t], 1, [step % 4]);
      }
      const g = tf.randomNormal([6, 4], 0, 1, 'float32', 100 + step);
      opt.apply({ w: g }, params);
      tf.tidy(() => {
        t.assign(tf.add(t, tf.scalar(1)));
        const n = step + 1;
        const { stepSize, sqrtBc2 } =
          step < 4 ? { stepSize: tf.scalar(hyper.lr / (1 - hyper.beta1 ** n)), sqrtBc2: tf.scalar(Math.sqrt(1 - hyper.beta2 ** n)) } : perElement(t);
        m.assign(tf.add(tf.mul(m, tf.scalar(hyper.beta1)), tf.mul(g, tf.scalar(1 - hyper.beta1))));
        v.assign(tf.add(tf.mul(v, tf.scalar(hyper.beta2)), tf.mul(tf.square(g), tf.scalar(1 - hyper.beta2))));
        const denom = tf.add(tf.div(tf.sqrt(v), sqrtBc2), tf.scalar(1e-8));
        p.assign(tf.sub(p, tf.mul(tf.div(m, denom), stepSize)));
      });
      g.dispose();
      expect(bytes(w)).toEqual(bytes(p));
    }
    opt.dispose();
    tf.dispose([w, p, m, v, t]);
  });
});
