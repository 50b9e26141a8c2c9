/**
 * The fused Adam update (one loop on the wasm heap: JS for small tensors, the accelerator's C loop for any) is
 * bitwise the kernel path's update, step after step, on parameters small and large.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, setAccelEnabled } from '../../src/backend/index.ts';
import { accelUnavailableReason } from '../../src/backend/accel.ts';
import { createOptimizer } from '../../src/optim/index.ts';
import { setFusedUpdates, setJsLoop } from '../../src/optim/fused-adam.ts';

const SHAPES: Record<string, number[]> = { w1: [300, 40], b1: [40], w2: [40, 10], b2: [10], s: [] };
let accelLoaded = false;

beforeAll(async () => {
  await selectBackend('wasm');
  setJsLoop(true); // the JS loop is off by default; its arithmetic is still checked here
  accelLoaded = accelUnavailableReason() === null;
});
afterAll(() => {
  setJsLoop(false);
  setFusedUpdates(true);
  setAccelEnabled(true);
});

/** 25 Adam steps from seeded parameters and gradients (some gradients large, some tiny, some zero); final bytes. */
function run(fused: boolean, accel: boolean): Uint8Array[] {
  setFusedUpdates(fused);
  setAccelEnabled(accel);
  const params = new Map(Object.entries(SHAPES).map(([n, s], i) => [n, tf.variable(tf.randomNormal(s, 0, 1, 'float32', 10 + i))]));
  const opt = createOptimizer({ kind: 'adam', lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, new Map([...params].map(([n, p]) => [n, { shape: p.shape }])));
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
  const out = [...params.values()].map((p) => new Uint8Array((p.dataSync() as Float32Array).slice().buffer));
  out.push(...[...params.keys()].flatMap((n) => Object.values(opt.slots(n)).map((t) => new Uint8Array((t.dataSync() as Float32Array).slice().buffer))));
  opt.dispose();
  tf.dispose([...params.values()]);
  return out;
}

describe('fused Adam update on wasm', () => {
  it('the JS loop (small tensors, no accelerator) equals the kernel path bit for bit', () => {
    expect(run(true, false)).toEqual(run(false, false));
  });

  it('the accelerator\'s C loop equals the kernel path bit for bit', () => {
    if (!accelLoaded) return; // accel.test.ts fails loudly when the addon is missing here
    expect(run(true, true)).toEqual(run(false, false));
  });
});
