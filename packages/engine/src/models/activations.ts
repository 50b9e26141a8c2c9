/**
 * Activation functions by the IR's names. `widthFactor` is how much wider the output is than the input:
 * CReLU(x) = [relu(x), relu(-x)] (Abbas et al. 2023) concatenates along the last axis and doubles it.
 * leaky_relu uses slope 0.01 (PyTorch's default).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '@plas/dsl';

export interface ActivationFn {
  apply(z: tf.Tensor): tf.Tensor;
  widthFactor: 1 | 2;
}

export const LEAKY_RELU_SLOPE = 0.01;

export const ACTIVATIONS: Record<Activation, ActivationFn> = {
  relu: { apply: (z) => tf.relu(z), widthFactor: 1 },
  tanh: { apply: (z) => tf.tanh(z), widthFactor: 1 },
  sigmoid: { apply: (z) => tf.sigmoid(z), widthFactor: 1 },
  leaky_relu: { apply: (z) => tf.leakyRelu(z, LEAKY_RELU_SLOPE), widthFactor: 1 },
  linear: { apply: (z) => z, widthFactor: 1 },
  crelu: { apply: (z) => tf.concat([tf.relu(z), tf.relu(tf.neg(z))], -1), widthFactor: 2 },
};

export function activation(name: Activation): ActivationFn {
  const fn = ACTIVATIONS[name];
  if (!fn) throw new Error(`unknown activation '${String(name)}' (known: ${Object.keys(ACTIVATIONS).join(', ')})`);
  return fn;
}
