/**
 * Matrix products of a stack of R cells: a [R, B, K] · b [R, K, N] → [R, B, N], one BatchMatMul for all R. With
 * the native accelerator that is one cblas_sgemm per slice with the same shapes and transpose flags as a single
 * cell's dense layer (backend/fast-matmul.ts), so each slice's result is that cell's, bit for bit. The gradients
 * pass the transposes as flags, as fast-matmul.ts does with the accelerator.
 */
import * as tf from '@tensorflow/tfjs-core';

type Args = (tf.Tensor | tf.GradSaveFunc)[];

const stackedMatMul = tf.customGrad((...args: Args) => {
  const [a, b, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy, saved) => {
      const [sa, sb] = saved as [tf.Tensor3D, tf.Tensor3D];
      const g = dy as tf.Tensor3D;
      return [tf.matMul(g, sb, false, true), tf.matMul(sa, g, true, false)];
    },
  };
});

/** a·b per cell, gradients into both (hidden layers). */
export function batchedMatMul(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return (stackedMatMul as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor)(a, b) as tf.Tensor3D;
}

/**
 * x·w per cell where x is the data: only w gets a gradient. x is closed over rather than passed, so no zero
 * gradient for the data is ever allocated (a single cell's dataMatMul returns zeros for it; nothing reads them).
 */
export function dataBatchedMatMul(x: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  const op = tf.customGrad((...args: Args) => {
    const [w3] = args as [tf.Tensor3D];
    return { value: tf.matMul(x, w3), gradFunc: (dy) => [tf.matMul(x, dy as tf.Tensor3D, true, false)] };
  });
  return (op as (w: tf.Tensor) => tf.Tensor)(w) as tf.Tensor3D;
}
