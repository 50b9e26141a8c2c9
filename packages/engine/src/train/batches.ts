/**
 * Gathered examples (flat typed arrays) → a Batch of tensors in the shapes the model and loss expect:
 * x [k, ...inputShape]; y int32 labels [k] for cross-entropy, float targets [k, outputs] for squared error
 * (class labels become one-hot targets, so a classifier can be trained with squared error).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '@plas/dsl';
import type { Batch } from '../core/contracts.ts';
import type { Dataset } from '../data/index.ts';

export interface Gathered {
  x: Float32Array;
  y: Int32Array | Float32Array;
}

export function toBatch(g: Gathered, dataset: Pick<Dataset, 'inputShape' | 'outputs' | 'kind'>, loss: LossKind): Batch {
  return tf.tidy(() => {
    const size = dataset.inputShape.reduce((a, b) => a * b, 1);
    const k = size > 0 ? g.x.length / size : 0;
    const x = tf.tensor(g.x, [k, ...dataset.inputShape], 'float32');
    if (dataset.kind === 'regression') return { x, y: tf.tensor2d(g.y as Float32Array, [k, dataset.outputs], 'float32') };
    const labels = tf.tensor1d(g.y as Int32Array, 'int32');
    return { x, y: loss === 'squared_error' ? tf.cast(tf.oneHot(labels, dataset.outputs), 'float32') : labels };
  });
}
