/**
 * Per-example losses and correct predictions, the quantities every evaluation and gradient diagnostic averages.
 *
 *   cross_entropy:  ℓ(x, y) = -log softmax(f(x))_y          (y an int32 class index)
 *   squared_error:  ℓ(x, y) = (1/K) Σ_k (f(x)_k - y_k)²      (K outputs; the batch mean is PyTorch's MSELoss)
 *   correct:        argmax_k f(x)_k = y  (classification; with float targets [n, K>1]: = argmax_k y_k)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '@plas/dsl';

/** ℓ for every row of `output` ([n, K]), shape [n]. */
export function exampleLosses(output: tf.Tensor2D, y: tf.Tensor, loss: LossKind): tf.Tensor1D {
  return tf.tidy(() => {
    if (loss === 'cross_entropy') {
      const labels = y.dtype === 'int32' ? y : tf.cast(y, 'int32');
      const oneHot = tf.oneHot(tf.reshape(labels, [-1]) as tf.Tensor1D, output.shape[1]);
      return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(output)), 1)) as tf.Tensor1D;
    }
    const target = tf.reshape(tf.cast(y, 'float32'), output.shape);
    return tf.mean(tf.squaredDifference(output, target), 1) as tf.Tensor1D;
  });
}

/** 1 where the prediction is right, 0 elsewhere, shape [n]; null when the targets are one regression output. */
export function exampleCorrect(output: tf.Tensor2D, y: tf.Tensor, loss: LossKind): tf.Tensor1D | null {
  if (loss === 'squared_error' && (y.rank !== 2 || (y.shape[1] ?? 1) < 2)) return null;
  return tf.tidy(() => {
    const predicted = tf.argMax(output, 1);
    const truth = loss === 'cross_entropy' ? tf.cast(tf.reshape(y, [-1]), 'int32') : tf.argMax(y, 1);
    return tf.cast(tf.equal(predicted, truth), 'float32') as tf.Tensor1D;
  });
}
