/**
 * The mean cross-entropy of a batch, L = (1/n) Σ_i -log softmax(logits_i)_{y_i}, as one custom-gradient op.
 *
 * Forward: the kernels of diagnostics/loss.ts's exampleLosses + tf.mean (tf.logSoftmax's own: max, sub, exp, sum,
 * log, sub; then oneHot · logSoftmax summed per row, negated, averaged), without the copies that only move data:
 * casts of float32 to float32 and the reshape of 1-D labels. Backward: the chain of tfjs's gradients for those ops,
 * with the multiplications by ones (Mean's and Sum's gradients broadcast dy with `· ones`, exact) left out:
 *   g = -(dy / n) · oneHot,   ∂logits = g - Σ_k g · exp(logSoftmax)   (tf.logSoftmax's gradient),
 * so ∂logits is bitwise tfjs's. One tape node and no saved copies (held.ts) instead of ~16 ops and 6 copies.
 * The labels are closed over (they are data, made before the step).
 */
import * as tf from '@tensorflow/tfjs-core';
import { keepForBackward } from './held.ts';

type Args = (tf.Tensor | tf.GradSaveFunc)[];

export function meanCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor): tf.Scalar {
  const op = tf.customGrad((...args: Args) => {
    const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const n = x.shape[0];
    const idx = labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
    // tfjs-wasm's OneHot writes int32 values whatever the dtype asked: one cast, as tf.mul's type matching did.
    const oneHot = tf.cast(tf.oneHot((idx.rank === 1 ? idx : tf.reshape(idx, [-1])) as tf.Tensor1D, x.shape[1]), 'float32');
    const shifted = tf.sub(x, tf.max(x, 1, true));
    const logSoftmax = tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), 1, true)));
    const value = tf.mean(tf.neg(tf.sum(tf.mul(oneHot, logSoftmax), 1))) as tf.Scalar;
    const read = keepForBackward(save, [oneHot, logSoftmax]);
    return {
      value,
      gradFunc: (dy, saved) => {
        const [oh, lsm] = read(saved as tf.Tensor[]) as [tf.Tensor, tf.Tensor];
        const g = tf.mul(tf.neg(tf.div(dy as tf.Tensor, n)), oh);
        return tf.sub(g, tf.mul(tf.sum(g, 1, true), tf.exp(lsm)));
      },
    };
  });
  return (op as (x: tf.Tensor) => tf.Tensor)(logits) as tf.Scalar;
}
