/**
 * Layer normalisation of pre-activations (Ba et al. 2016; PyTorch nn.LayerNorm, eps 1e-5):
 *   LN(z) = (z - mean(z)) / √(var(z) + eps) · gain + offset,
 * mean and (biased) variance over each example's features: the last axis for a dense layer, all of H, W, C for a
 * conv layer (gain/offset per channel, broadcast over H and W).
 */
import * as tf from '@tensorflow/tfjs-core';

export const LAYER_NORM_EPS = 1e-5;

export function layerNorm(z: tf.Tensor, gain: tf.Tensor, offset: tf.Tensor): tf.Tensor {
  const axes = z.rank === 4 ? [1, 2, 3] : [z.rank - 1];
  const { mean, variance } = tf.moments(z, axes, true);
  const normed = tf.mul(tf.sub(z, mean), tf.rsqrt(tf.add(variance, LAYER_NORM_EPS)));
  return tf.add(tf.mul(normed, gain), offset);
}
