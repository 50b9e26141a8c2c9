/**
 * The mean squared error of a batch, L = (1/n) Σ_i (1/K) Σ_k (out_ik - y_ik)², as one custom-gradient op.
 *
 * Forward: the kernels of diagnostics/loss.ts's exampleLosses + tf.mean (SquaredDifference, Mean over the outputs,
 * Mean over the batch), without the float32 → float32 cast of the targets, a copy. Backward: the chain of tfjs's
 * gradients for those ops (Mean: reshape dy, multiply by ones, divide by the reduced size; SquaredDifference:
 * dy · (2 · (a - b))) with the multiplications by ones left out (exact) and dy kept a scalar instead of broadcast
 * first (the same value in every element):
 *   ∂out = ((dy / n) / K) · (2 · (out - y))
 * so ∂out is bitwise tfjs's. One tape node and no saved copies (held.ts) instead of ~8 ops and 2 copies; at batch 1
 * on benchmark 10's 20-5-1 network the loss and its gradient were ~15% of a step. The targets are closed over
 * (data, made before the step).
 */
import * as tf from '@tensorflow/tfjs-core';
import { keepForBackward } from './held.ts';

type Args = (tf.Tensor | tf.GradSaveFunc)[];

export function meanSquaredError(output: tf.Tensor2D, targets: tf.Tensor): tf.Scalar {
  const op = tf.customGrad((...args: Args) => {
    const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const [n, k] = x.shape;
    const asFloat = targets.dtype === 'float32' ? targets : tf.cast(targets, 'float32');
    // Reshape even targets of the right shape: the held tensor must be the op's own, never the caller's batch.
    const y = tf.reshape(asFloat, [n, k]);
    const value = tf.mean(tf.mean(tf.squaredDifference(x, y), 1)) as tf.Scalar;
    const read = keepForBackward(save, [x, y]);
    return {
      value,
      gradFunc: (dy, saved) => {
        const [out, target] = read(saved as tf.Tensor[]) as [tf.Tensor, tf.Tensor];
        return tf.mul(tf.div(tf.div(dy as tf.Tensor, n), k), tf.mul(tf.scalar(2), tf.sub(out, target)));
      },
    };
  });
  return (op as (x: tf.Tensor) => tf.Tensor)(output) as tf.Scalar;
}
