/**
 * Plain stochastic gradient descent (PyTorch torch.optim.SGD with momentum 0, no weight decay):
 *   θ ← θ - lr · g
 * No state.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '../core/contracts.ts';
import { fusedSgdUpdate } from './fused-sgd.ts';
import { StepScalars } from './scalars.ts';
import { SlotStore } from './slot-store.ts';
import type { ParamShapes } from './slot-store.ts';

export function createSgd(spec: { lr: number }, params: ParamShapes): Optimizer {
  const store = new SlotStore([], params);
  const hyper: Record<string, number> = { lr: spec.lr };
  return {
    kind: 'sgd',
    hyper,
    apply(grads, vars) {
      const k = new StepScalars();
      try {
        for (const [name, g] of Object.entries(grads)) {
          const p = vars.get(name);
          if (!p) continue;
          // one loop on the wasm heap with the accelerator, bitwise these kernels (fused-sgd.ts)
          if (fusedSgdUpdate(p, g, hyper['lr']!)) continue;
          const lr = k.get(hyper['lr']!);
          tf.tidy(() => p.assign(tf.sub(p, tf.mul(g, lr))));
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
