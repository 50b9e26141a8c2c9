/**
 * The forward pass as a pure function of (parameters, input): no state, so it runs inside tf.tidy and
 * tf.variableGrads, and several runs could later be evaluated with their own parameter sets.
 * Per hidden layer: z = W·x + b → optional layer norm → activation (recorded as that layer's hidden output, conv
 * ones before pooling) → optional max-pool. The head is linear.
 * With tf.Variable parameters (every model's) each layer is one custom-gradient op (backend/dense.ts, conv.ts), and
 * max-pool another: bitwise the separate ops, in fewer kernels and without tfjs's copies for the backward pass.
 */
import * as tf from '@tensorflow/tfjs-core';
import { convLayer, maxPool2d } from '../backend/conv.ts';
import { denseLayer } from '../backend/dense.ts';
import { dataMatMul, fastMatMul } from '../backend/fast-matmul.ts';
import type { ForwardResult } from '../core/contracts.ts';
import { activation } from './activations.ts';
import type { Architecture } from './architecture.ts';
import { layerNorm } from './layer-norm.ts';

export type ParamLookup = (name: string) => tf.Tensor;

export function forwardPass(arch: Architecture, param: ParamLookup, x: tf.Tensor): ForwardResult {
  // The first layer shapes the data itself (denseLayer, convLayer), so the tape keeps no reshaped copy of it.
  let h: tf.Tensor = x;
  const features = arch.inputShape.reduce((p, d) => p * d, 1);
  const hidden: tf.Tensor[] = [];
  for (const layer of arch.layers) {
    let z: tf.Tensor;
    let a: tf.Tensor | null = null;
    const first = layer === arch.layers[0];
    const relu = !layer.isHead && !layer.norm && layer.activation === 'relu';
    if (layer.kind === 'conv') {
      const w = param(layer.weight) as tf.Tensor4D;
      const b = param(layer.bias);
      if (w instanceof tf.Variable && b instanceof tf.Variable) {
        // One op for conv + bias (+ ReLU), bitwise the separate ops (backend/conv.ts).
        z = convLayer(h, w, b, { relu, data: first ? arch.inputShape : null });
        if (relu) a = z;
      } else {
        const x4: tf.Tensor = first ? tf.reshape(h, [-1, ...arch.inputShape]) : h;
        z = tf.add(tf.conv2d(x4 as tf.Tensor4D, w, 1, 'valid'), b);
      }
    } else {
      const w = param(layer.weight) as tf.Tensor2D;
      const b = param(layer.bias);
      if (w instanceof tf.Variable && b instanceof tf.Variable) {
        // One op for matmul + bias (+ ReLU when nothing comes between): bitwise the separate ops, fewer kernels.
        z = denseLayer(h, w, b, { relu, data: first ? features : null });
        if (relu) a = z;
      } else {
        const flat = first ? tf.reshape(h, [-1, features]) as tf.Tensor2D
          : h.rank === 2 ? (h as tf.Tensor2D) : tf.reshape(h, [h.shape[0] ?? -1, -1]) as tf.Tensor2D;
        // The first layer multiplies the data itself: no gradient needs to flow into it.
        z = tf.add((first ? dataMatMul : fastMatMul)(flat, w), b);
      }
    }
    if (layer.isHead) return { output: z as tf.Tensor2D, hidden };
    if (a === null) {
      if (layer.norm) z = layerNorm(z, param(layer.norm.gain), param(layer.norm.offset));
      a = activation(layer.activation).apply(z);
    }
    hidden.push(a);
    h = layer.pool > 1 ? maxPool2d(a as tf.Tensor4D, layer.pool) : a;
  }
  throw new Error('model has no head layer');
}
