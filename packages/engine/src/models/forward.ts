/**
 * The forward pass as a pure function of (parameters, input): no state, so it runs inside tf.tidy and
 * tf.variableGrads, and several runs could later be evaluated with their own parameter sets.
 * Per hidden layer: z = W·x + b → optional layer norm → activation (recorded as that layer's hidden output, conv
 * ones before pooling) → optional max-pool. The head is linear.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dataMatMul, fastMatMul } from '../backend/fast-matmul.ts';
import type { ForwardResult } from '../core/contracts.ts';
import { activation } from './activations.ts';
import type { Architecture } from './architecture.ts';
import { layerNorm } from './layer-norm.ts';

export type ParamLookup = (name: string) => tf.Tensor;

export function forwardPass(arch: Architecture, param: ParamLookup, x: tf.Tensor): ForwardResult {
  const hasConv = arch.layers[0]?.kind === 'conv';
  let h: tf.Tensor = hasConv ? tf.reshape(x, [-1, ...arch.inputShape]) : tf.reshape(x, [-1, arch.inputShape.reduce((a, b) => a * b, 1)]);
  const hidden: tf.Tensor[] = [];
  for (const layer of arch.layers) {
    let z: tf.Tensor;
    if (layer.kind === 'conv') {
      z = tf.add(tf.conv2d(h as tf.Tensor4D, param(layer.weight) as tf.Tensor4D, 1, 'valid'), param(layer.bias));
    } else {
      const flat = h.rank === 2 ? (h as tf.Tensor2D) : tf.reshape(h, [h.shape[0] ?? -1, -1]) as tf.Tensor2D;
      // The first layer multiplies the data itself: no gradient needs to flow into it.
      const matMul = layer === arch.layers[0] ? dataMatMul : fastMatMul;
      z = tf.add(matMul(flat, param(layer.weight) as tf.Tensor2D), param(layer.bias));
    }
    if (layer.isHead) return { output: z as tf.Tensor2D, hidden };
    if (layer.norm) z = layerNorm(z, param(layer.norm.gain), param(layer.norm.offset));
    const a = activation(layer.activation).apply(z);
    hidden.push(a);
    h = layer.pool > 1 ? tf.maxPool(a as tf.Tensor4D, layer.pool, layer.pool, 'valid') : a;
  }
  throw new Error('model has no head layer');
}
