/**
 * The fused SGD update (the accelerator's C loop on the wasm heap) is bitwise the kernel path's update (Mul, Sub),
 * step after step, on parameters small and large, with gradients large, tiny, zero and non-finite.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, setAccelEnabled } from '../../src/backend/index.ts';
import { accelUnavailableReason } from '../../src/backend/accel.ts';
import { createOptimizer } from '../../src/optim/index.ts';
import { setFusedUpdates } from '../../src/optim/fused-adam.ts';
import { fusedSgdUpdate } from '../../src/optim/fused-sgd.ts';
import { ownVariable, seededRun, SHAPES } from './seeded-run.ts';

let accelLoaded = false;

beforeAll(async () => {
  await selectBackend('wasm');
  accelLoaded = accelUnavailableReason() === null;
});
const restore = (): void => {
  setFusedUpdates(true);
  setAccelEnabled(true);
};
beforeEach(restore);
afterAll(restore);

/** 25 SGD steps (lr 0.013, not a float32 number; seeded-run.ts); the final bytes of every parameter. */
function run(fused: boolean): Uint8Array[] {
  setFusedUpdates(fused);
  return seededRun({ kind: 'sgd', lr: 0.013 }, false);
}

describe('fused SGD update on wasm', () => {
  it("the accelerator's C loop equals the kernel path bit for bit", () => {
    if (!accelLoaded) return; // accel.test.ts fails loudly when the addon is missing here
    setAccelEnabled(true);
    expect(run(true)).toEqual(run(false));
  });

  it('propagates NaN and infinities as the kernels do', () => {
    if (!accelLoaded) return;
    const values = [1, -2, 3.5, 0, 1e30, -1e-30];
    const grads = [Number.NaN, Number.POSITIVE_INFINITY, 1e38, -0, 1e30, 1e-30];
    const viaKernels = tf.tidy(() => tf.sub(tf.tensor1d(values), tf.mul(tf.tensor1d(grads), tf.scalar(7.7))).dataSync());
    const p = ownVariable(tf.tensor1d(values));
    const g = tf.tensor1d(grads);
    expect(fusedSgdUpdate(p, g, 7.7)).toBe(true);
    expect(new Uint8Array((p.dataSync() as Float32Array).slice().buffer)).toEqual(new Uint8Array(Float32Array.from(viaKernels).buffer));
    tf.dispose([p, g]);
  });

  it('updates every parameter of a step without a kernel', async () => {
    if (!accelLoaded) return;
    const params = new Map(Object.entries(SHAPES).map(([n, s], i) => [n, ownVariable(tf.randomNormal(s, 0, 1, 'float32', i))]));
    const opt = createOptimizer({ kind: 'sgd', lr: 0.1 }, new Map([...params].map(([n, p]) => [n, { shape: p.shape }])));
    const grads = Object.fromEntries([...params].map(([n, p]) => [n, tf.onesLike(p)]));
    const profile = await tf.profile(() => opt.apply(grads, params));
    expect(profile.kernelNames).toEqual([]);
    expect(params.get('b2')!.dataSync()[0]).toBeCloseTo(tf.randomNormal([10], 0, 1, 'float32', 3).dataSync()[0]! - 0.1, 6);
    tf.dispose([...Object.values(grads), ...params.values()]);
    opt.dispose();
  });

  it('leaves the update to the kernels without the accelerator or with the fused path off', () => {
    const p = ownVariable(tf.ones([4]));
    const g = tf.ones([4]);
    setAccelEnabled(false);
    expect(fusedSgdUpdate(p, g, 0.1)).toBe(false);
    setAccelEnabled(true);
    setFusedUpdates(false);
    expect(fusedSgdUpdate(p, g, 0.1)).toBe(false);
    setFusedUpdates(true);
    expect(Array.from(p.dataSync())).toEqual([1, 1, 1, 1]);
    tf.dispose([p, g]);
  });
});
