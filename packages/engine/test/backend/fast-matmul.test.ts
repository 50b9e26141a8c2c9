import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/backend/select.ts';
import { dataMatMul, fastMatMul } from '../../src/backend/fast-matmul.ts';

function grads(mm: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D): number[][] {
  return tf.tidy(() => {
    const a = tf.variable(tf.randomNormal([5, 7], 0, 1, 'float32', 1));
    const b = tf.variable(tf.randomNormal([7, 3], 0, 1, 'float32', 2));
    const w = tf.randomNormal([5, 3], 0, 1, 'float32', 3);
    const { value, grads: g } = tf.variableGrads(() => tf.sum(tf.mul(tf.tanh(mm(a as tf.Tensor2D, b as tf.Tensor2D)), w)) as tf.Scalar, [a, b]);
    const out = [Array.from(value.dataSync()), Array.from(g[a.name]!.dataSync()), Array.from(g[b.name]!.dataSync())];
    a.dispose();
    b.dispose();
    return out;
  });
}

describe('fastMatMul', () => {
  it.each(['cpu', 'wasm'] as const)('gives the value and gradients of tf.matMul on %s', async (backend) => {
    await selectBackend(backend);
    const ref = grads((a, b) => tf.matMul(a, b));
    const fast = grads(fastMatMul);
    for (let i = 0; i < ref.length; i++) {
      ref[i]!.forEach((r, j) => expect(fast[i]![j]).toBeCloseTo(r, 5));
    }
  });

  it.each(['cpu', 'wasm'] as const)('dataMatMul gives the value and weight gradient of tf.matMul, and none into the data, on %s', async (backend) => {
    await selectBackend(backend);
    const ref = grads((a, b) => tf.matMul(a, b));
    const data = grads(dataMatMul);
    ref[0]!.forEach((r, j) => expect(data[0]![j]).toBeCloseTo(r, 5));
    ref[2]!.forEach((r, j) => expect(data[2]![j]).toBeCloseTo(r, 5));
    expect(data[1]!.every((g) => g === 0)).toBe(true);
  });
});
