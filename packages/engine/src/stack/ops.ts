/**
 * The ops of a stacked dense layer, for R cells at once: a [R, B, K] · w [R, K, N], + bias [R, 1, N], ReLU.
 *
 * With the native accelerator a stacked product is one cblas_sgemm per slice with the same shapes and transpose
 * flags as a single cell's dense layer (backend/fast-matmul.ts), so each slice is that cell's result bit for bit;
 * the gradients pass the transposes as flags, as fast-matmul.ts does. Every gradient here is the same arithmetic
 * as tfjs's own (Add: dy, and dy summed over the batch; ReLU: dy · step(z)). What differs is what is kept for the
 * backward pass: tfjs's `save` copies each tensor (an Identity kernel on wasm), megabytes a step at R = 16, so only
 * intermediates are saved; weights (tf.Variables) and the data (made before the gradient tape's forward scope,
 * whose other tensors are freed when it ends) are closed over instead.
 */
import * as tf from '@tensorflow/tfjs-core';

type Args = (tf.Tensor | tf.GradSaveFunc)[];
type Unary = (x: tf.Tensor) => tf.Tensor;
type Binary = (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** a·w per cell, gradients into both (hidden layers): ∂a = dy·wᵀ, ∂w = aᵀ·dy. `w` must be a tf.Variable. */
export function batchedMatMul(a: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  const op = tf.customGrad((...args: Args) => {
    const [a3, w3, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
    save([a3]);
    return {
      value: tf.matMul(a3, w3),
      gradFunc: (dy, saved) => {
        const g = dy as tf.Tensor3D;
        return [tf.matMul(g, w3, false, true), tf.matMul(saved[0] as tf.Tensor3D, g, true, false)];
      },
    };
  });
  return (op as Binary)(a, w) as tf.Tensor3D;
}

/**
 * x·w per cell where x is the data, made outside the gradient tape: only w gets a gradient (a single cell's
 * dataMatMul returns zeros for x).
 */
export function dataBatchedMatMul(x: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  const op = tf.customGrad((...args: Args) => {
    const [w3] = args as [tf.Tensor3D];
    return { value: tf.matMul(x, w3), gradFunc: (dy) => [tf.matMul(x, dy as tf.Tensor3D, true, false)] };
  });
  return (op as Unary)(w) as tf.Tensor3D;
}

/** z [R, B, N] + b [R, 1, N]: ∂z = dy, ∂b = Σ over the batch (tfjs's Add gradient: the same sum over axis 1). */
export function addBias(z: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const op = tf.customGrad((...args: Args) => {
    const [z3, b3] = args as [tf.Tensor, tf.Tensor];
    return { value: tf.add(z3, b3), gradFunc: (dy) => [dy as tf.Tensor, tf.reshape(tf.sum(dy as tf.Tensor, [1]), b3.shape)] };
  });
  return (op as Binary)(z, b);
}

/** max(z, 0): ∂z = dy · step(z), as tfjs's ReLU gradient (whose cast of step's float32 output is a copy). */
export function relu(z: tf.Tensor): tf.Tensor {
  const op = tf.customGrad((...args: Args) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([x]);
    return { value: tf.relu(x), gradFunc: (dy, saved) => tf.mul(dy as tf.Tensor, tf.step(saved[0]!)) };
  });
  return (op as Unary)(z);
}
