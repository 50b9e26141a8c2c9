/**
 * SGD with momentum, PyTorch torch.optim.SGD semantics (dampening 0, no weight decay):
 *   b ← μ · b + g                      (b starts at 0, so the first step gives b = g, as PyTorch's clone(g))
 *   d = g + μ · b   if nesterov,  else d = b
 *   θ ← θ - lr · d
 * State per parameter: { velocity: b }. hyper: lr, momentum (μ), nesterov (1 or 0).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '../core/contracts.ts';
import { StepScalars } from './scalars.ts';
import { SlotStore } from './slot-store.ts';
import type { ParamShapes } from './slot-store.ts';

export function createMomentum(spec: { lr: number; momentum: number; nesterov: boolean }, params: ParamShapes): Optimizer {
  const store = new SlotStore(['velocity'], params);
  const hyper: Record<string, number> = { lr: spec.lr, momentum: spec.momentum, nesterov: spec.nesterov ? 1 : 0 };
  return {
    kind: 'momentum',
    hyper,
    apply(grads, vars) {
      const k = new StepScalars();
      const mu = k.get(hyper['momentum']!);
      const lr = k.get(hyper['lr']!);
      try {
        for (const [name, g] of Object.entries(grads)) {
          const p = vars.get(name);
          if (!p) continue;
          const b = store.get(name)['velocity']!;
          tf.tidy(() => {
            const next = tf.add(tf.mul(b, mu), g);
            b.assign(next);
            const d = hyper['nesterov'] ? tf.add(g, tf.mul(next, mu)) : next;
            p.assign(tf.sub(p, tf.mul(d, lr)));
          });
        }
      } finally {
        k.dispose();
      }
    },
    slots: (param) => store.get(param),
    reset: (names) => store.reset(names),
    resetUnits: (param, axis, units) => store.resetUnits(param, axis, units),
    dispose: () => store.dispose(),
  };
}
