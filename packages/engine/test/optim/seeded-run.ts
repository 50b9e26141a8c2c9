/**
 * 25 optimiser steps from seeded parameters and gradients (some gradients large, some tiny, some zero), shared by
 * the tests that compare a fused update with the kernel path: the final bytes of every parameter (and slot).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerSpec } from '@plas/dsl';
import { createOptimizer } from '../../src/optim/index.ts';

export const SHAPES: Record<string, number[]> = { w1: [300, 40], b1: [40], w2: [40, 10], b2: [10], s: [] };

/** A variable that owns its memory alone (tf.variable shares the initial tensor's until that is freed). */
export function ownVariable(initial: tf.Tensor): tf.Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

const bytes = (t: tf.Tensor): Uint8Array => new Uint8Array((t.dataSync() as Float32Array).slice().buffer);

export function seededRun(spec: OptimizerSpec, withSlots: boolean): Uint8Array[] {
  const params = new Map(Object.entries(SHAPES).map(([n, s], i) => [n, ownVariable(tf.randomNormal(s, 0, 1, 'float32', 10 + i))]));
  const opt = createOptimizer(spec, new Map([...params].map(([n, p]) => [n, { shape: p.shape }])));
  for (let step = 0; step < 25; step++) {
    const grads = Object.fromEntries(
      Object.entries(SHAPES).map(([n, s], i) => {
        const scale = step % 5 === 0 ? 1e-30 : step % 7 === 0 ? 0 : 10 ** ((i % 3) - 1);
        return [n, tf.mul(tf.randomNormal(s, 0, 1, 'float32', 100 * step + i), scale)];
      }),
    );
    opt.apply(grads, params);
    tf.dispose(Object.values(grads));
  }
  const out = [...params.values()].map(bytes);
  if (withSlots) out.push(...[...params.keys()].flatMap((n) => Object.values(opt.slots(n)).map(bytes)));
  opt.dispose();
  tf.dispose([...params.values()]);
  return out;
}
