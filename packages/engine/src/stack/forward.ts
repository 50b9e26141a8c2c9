/**
 * The forward pass of R stacked MLPs of one architecture: x [R, B, ...inputShape] → logits [R, B, outputs].
 * Parameters carry a leading cell axis: kernels [R, in, out]; biases and layer-norm gains/offsets [R, 1, units]
 * (broadcast over the batch). Per layer it is forwardPass (models/forward.ts) with one more leading axis:
 * z = x·W + b → optional layer norm (over the last axis, as for one cell) → activation; the head is linear.
 * x comes already shaped [R, B, features] and made outside the gradient tape (ops.ts keeps it without a copy).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Architecture } from '../models/architecture.ts';
import { ACTIVATIONS } from '../models/activations.ts';
import { layerNorm } from '../models/layer-norm.ts';
import { addBias, batchedMatMul, dataBatchedMatMul, relu } from './ops.ts';

export function stackedForward(arch: Architecture, param: (name: string) => tf.Tensor, x: tf.Tensor): tf.Tensor3D {
  const features = arch.inputShape.reduce((p, d) => p * d, 1);
  if (x.rank !== 3 || x.shape[2] !== features) throw new Error(`stacked forward: x must be [cells, batch, ${features}], got [${x.shape.join(', ')}]`);
  let h = x as tf.Tensor3D;
  const first = arch.layers[0];
  for (const layer of arch.layers) {
    if (layer.kind !== 'dense') throw new Error(`stacked forward: layer '${layer.name}' is ${layer.kind}; only MLPs stack`);
    const w = param(layer.weight) as tf.Tensor3D;
    const product = layer === first ? dataBatchedMatMul(h, w) : batchedMatMul(h, w);
    let z = addBias(product, param(layer.bias));
    if (layer.isHead) return z as tf.Tensor3D;
    if (layer.norm) z = layerNorm(z, param(layer.norm.gain), param(layer.norm.offset));
    h = (layer.activation === 'relu' ? relu(z) : ACTIVATIONS[layer.activation].apply(z)) as tf.Tensor3D;
  }
  throw new Error('model has no head layer');
}
