/** The non-overlapping MaxPoolGrad on wasm against wasm's own kernel: bitwise equal, ties included. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/backend/select.ts';
import { originalWasmKernel } from '../../src/backend/kernels/index.ts';
import { accelUnavailableReason, setAccelEnabled } from '../../src/backend/accel.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

function bytes(backend: KernelBackend, info: TensorInfo): Uint8Array {
  return new Uint8Array((backend.readSync(info.dataId) as Float32Array).slice().buffer);
}

const cases = [
  { x: [3, 24, 24, 16], size: 2, stride: 2, pad: 'valid' as const },
  // windows that tile the input (no clearing pass in C), channels not a multiple of 4 (the C loop's leftover lanes)
  { x: [2, 8, 6, 6], size: 2, stride: 2, pad: 'valid' as const },
  // every value 0 (a dead ReLU layer): no window reaches wasm's starting maximum, so only x's offset 0 gets a gradient
  { x: [2, 4, 4, 5], size: 2, stride: 2, pad: 'valid' as const, zeros: true },
  { x: [2, 7, 9, 3], size: 2, stride: 2, pad: 'valid' as const }, // odd sizes: the last row/column is dropped
  { x: [2, 9, 9, 5], size: 3, stride: 3, pad: 'same' as const },
  { x: [2, 8, 8, 4], size: 2, stride: 3, pad: 'valid' as const },
  { x: [2, 8, 8, 4], size: 3, stride: 2, pad: 'valid' as const }, // overlapping: wasm's own kernel
];

// both our loops: JS on the heap (plain wasm) and C (the accelerator, when built)
const paths = cases.flatMap((c) => [{ ...c, accel: false }, { ...c, accel: true }]);

describe('MaxPoolGrad on wasm', () => {
  it.each(paths)('equals wasm\'s own kernel bit for bit on $x, window $size, stride $stride, $pad, accelerator $accel', ({ x, size, stride, pad, accel, ...rest }) => {
    if (setAccelEnabled(accel) !== accel) return; // no accelerator here: accel.test.ts says so
    expect(accelUnavailableReason() === null).toBe(accel);
    const original = originalWasmKernel('MaxPoolGrad');
    expect(original).toBeDefined();
    // small integers with many zeros (ReLU outputs): most windows hold ties
    const input = 'zeros' in rest ? tf.zeros(x) : tf.tidy(() => tf.relu(tf.round(tf.randomUniform(x, -2, 2.5, 'float32', x[1]))));
    const pooled = tf.maxPool(input as tf.Tensor4D, size, stride, pad);
    // a few non-finite gradients and a -0: wasm's 0 + dy·mask turns them into NaN / +0 across the window
    const dy = tf.tidy(() => {
      const values = tf.randomNormal(pooled.shape, 0, 1, 'float32', 7).dataSync().slice();
      values[1] = Number.NaN;
      values[2] = Number.POSITIVE_INFINITY;
      values[3] = -0;
      return tf.tensor(values, pooled.shape);
    });
    const backend = tf.backend();
    const attrs = { filterSize: size, strides: stride, pad, dimRoundingMode: undefined } as unknown as NamedAttrMap;
    const ours = tf.engine().runKernel('MaxPoolGrad', { dy, input }, attrs) as tf.Tensor;
    const theirs = original!.kernelFunc({ inputs: { dy, input }, backend, attrs }) as TensorInfo;
    expect(bytes(backend, ours)).toEqual(bytes(backend, theirs));
    backend.disposeData(theirs.dataId);
    tf.dispose([input, pooled, dy, ours]);
    setAccelEnabled(true);
  });
});
