/**
 * Adam (Kingma & Ba 2015) with PyTorch torch.optim.Adam semantics (no weight decay, amsgrad off):
 *   t ← t + 1                                   (per parameter, as PyTorch's state['step'])
 *   m ← β1 · m + (1 - β1) · g
 *   v ← β2 · v + (1 - β2) · g²
 *   θ ← θ - (lr / (1 - β1^t)) · m / (√v / √(1 - β2^t) + eps)      (eps outside the square root)
 * State per parameter: { m, v } and the step count t; reset(params) zeroes all three (a fresh optimiser for those
 * parameters). resetUnits zeroes m and v of some units and keeps t (as ReDo does: optax keeps one count); with
 * `{ steps: true }` it also restarts t for those slices, as Dohare et al.'s AdamGnT (lop/algos/gnt.py) does for
 * replaced units in continual backprop. From then on that parameter keeps t per element (a float32 tensor), and its
 * bias corrections 1 - β^t are computed elementwise in float32; parameters whose steps were never reset keep the
 * scalar float64 path, bit for bit as before. The per-element corrections are computed once per distinct count and
 * copied to each element (step-groups.ts), the same values as computing them per element. On wasm that scalar path
 * runs as one fused loop on the heap (fused-adam.ts), with the same float32 arithmetic.
 * hyper: lr, beta1, beta2, eps.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '../core/contracts.ts';
import { fusedAdamUpdate } from './fused-adam.ts';
import { StepScalars } from './scalars.ts';
import { SlotStore, zeroUnits } from './slot-store.ts';
import { StepGroups } from './step-groups.ts';
import type { ParamShapes } from './slot-store.ts';

/**
 * Adam's step counts, readable and settable so a cell's whole optimiser state can move into a stack of cells and
 * back (stack/). null: that parameter counts steps per element (some units' steps were restarted).
 */
export interface StepCounts {
  stepCount(param: string): number | null;
  setStepCount(param: string, t: number): void;
}

export function hasStepCounts(o: Optimizer): o is Optimizer & StepCounts {
  return typeof (o as Partial<StepCounts>).stepCount === 'function' && typeof (o as Partial<StepCounts>).setStepCount === 'function';
}

/** The step count of the first of `params` (the one a stack of cells shares); null without step counts. */
export function firstStepCount(o: Optimizer, params: Iterable<string>): number | null {
  const first = params[Symbol.iterator]().next();
  return hasStepCounts(o) && first.done !== true ? o.stepCount(first.value) : null;
}

export function createAdam(spec: { lr: number; beta1: number; beta2: number; eps: number }, params: ParamShapes): Optimizer & StepCounts {
  const store = new SlotStore(['m', 'v'], params);
  const steps = new Map<string, number>(store.names().map((n) => [n, 0]));
  /** Per-element step counts, only for parameters some of whose units had their steps restarted. */
  const elementSteps = new Map<string, tf.Variable>();
  /** Which of those counts are equal, per parameter: read again after each restart. */
  const stepGroups = new Map<string, StepGroups>();
  const groupsOf = (name: string): StepGroups => {
    let groups = stepGroups.get(name);
    if (!groups) {
      groups = new StepGroups();
      stepGroups.set(name, groups);
    }
    return groups;
  };
  const hyper: Record<string, number> = { lr: spec.lr, beta1: spec.beta1, beta2: spec.beta2, eps: spec.eps };
  return {
    kind: 'adam',
    hyper,
    apply(grads, vars) {
      const { lr, beta1, beta2, eps } = hyper as { lr: number; beta1: number; beta2: number; eps: number };
      const k = new StepScalars();
      try {
        for (const [name, g] of Object.entries(grads)) {
          const p = vars.get(name);
          if (!p) continue;
          const { m, v } = store.get(name) as { m: tf.Variable; v: tf.Variable };
          const t = (steps.get(name) ?? 0) + 1;
          steps.set(name, t);
          const perElement = elementSteps.get(name);
          if (perElement) {
            tf.tidy(() => {
              perElement.assign(tf.add(perElement, k.get(1)));
              // lr / (1 - β1^t) and √(1 - β2^t) once per distinct t, copied to each element (step-groups.ts)
              const { stepSize, sqrtBc2 } = groupsOf(name).corrections(perElement, (x) => k.get(x), { lr, beta1, beta2 });
              m.assign(tf.add(tf.mul(m, k.get(beta1)), tf.mul(g, k.get(1 - beta1))));
              v.assign(tf.add(tf.mul(v, k.get(beta2)), tf.mul(tf.square(g), k.get(1 - beta2))));
              const denom = tf.add(tf.div(tf.sqrt(v), sqrtBc2), k.get(eps));
              p.assign(tf.sub(p, tf.mul(tf.div(m, denom), stepSize)));
            });
            continue;
          }
          const stepSize = lr / (1 - beta1 ** t);
          const sqrtBc2 = Math.sqrt(1 - beta2 ** t);
          // one loop on the wasm heap, bitwise the same as the kernels below (fused-adam.ts)
          if (fusedAdamUpdate(p, m, v, g, { beta1, beta2, eps, stepSize, sqrtBc2 })) continue;
          tf.tidy(() => {
            m.assign(tf.add(tf.mul(m, k.get(beta1)), tf.mul(g, k.get(1 - beta1))));
            v.assign(tf.add(tf.mul(v, k.get(beta2)), tf.mul(tf.square(g), k.get(1 - beta2))));
            const denom = tf.add(tf.div(tf.sqrt(v), k.get(sqrtBc2)), k.get(eps));
            p.assign(tf.sub(p, tf.mul(tf.div(m, denom), k.get(stepSize))));
          });
        }
      } finally {
        k.dispose();
      }
    },
    slots: (param) => store.get(param),
    stepCount: (param) => (elementSteps.has(param) ? null : (steps.get(param) ?? 0)),
    setStepCount(param, t) {
      if (!store.has(param)) throw new Error(`optimiser has no state for parameter '${param}'`);
      if (!Number.isInteger(t) || t < 0) throw new Error(`setStepCount: step count must be a non-negative integer, got ${t}`);
      elementSteps.get(param)?.dispose();
      elementSteps.delete(param);
      stepGroups.delete(param);
      steps.set(param, t);
    },
    reset(names) {
      store.reset(names);
      for (const n of names ?? store.names()) {
        steps.set(n, 0);
        elementSteps.get(n)?.dispose();
        elementSteps.delete(n);
        stepGroups.delete(n);
      }
    },
    resetUnits(param, axis, units, options) {
      store.resetUnits(param, axis, units);
      if (!options?.steps || units.length === 0) return;
      let perElement = elementSteps.get(param);
      if (!perElement) {
        const { m } = store.get(param) as { m: tf.Variable };
        perElement = tf.tidy(() => tf.variable(tf.fill(m.shape, steps.get(param) ?? 0), false));
        elementSteps.set(param, perElement);
      }
      zeroUnits([perElement], axis < 0 ? perElement.rank + axis : axis, units);
      stepGroups.delete(param);
    },
    dispose: () => {
      store.dispose();
      for (const t of elementSteps.values()) t.dispose();
      elementSteps.clear();
      stepGroups.clear();
    },
  };
}
