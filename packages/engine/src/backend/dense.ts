/**
 * A dense layer as one custom-gradient op: y = act(a·W + b), act ReLU or none, `a` flattened to [n, features].
 *
 * The same arithmetic as the separate ops (fast-matmul.ts's matmul, tf.add, tf.relu) and as their gradients:
 *   ∂z = dy · step(z) (tfjs's ReLU gradient, whose cast of step's float32 output is a copy), ∂b = Σ_batch ∂z (tfjs's
 *   Add gradient: the same sum, bias-sum.ts), ∂W = aᵀ·∂z, ∂a = ∂z·Wᵀ (the transposes as GEMM flags with the
 *   accelerator, explicit Transposes on plain wasm, as before),
 * so every value is bitwise what the separate ops give. What it saves is tfjs's bookkeeping: inside one op the tape
 * is off, so a layer is one tape node instead of four, and nothing is copied for the backward pass: the weights
 * (tf.Variables) and the data are closed over, intermediates are held (held.ts) instead of tfjs's `save` clones.
 * A data layer (the first layer of an MLP) takes no gradient into its input at all (dataMatMul returned zeros).
 */
import * as tf from '@tensorflow/tfjs-core';
import { matMulTA, matMulTB } from './fast-matmul.ts';
import { biasSum } from './bias-sum.ts';
import { keepForBackward } from './held.ts';

type Args = (tf.Tensor | tf.GradSaveFunc)[];

export interface DenseOptions {
  relu: boolean;
  /** When `a` is input data, its features per example: it is flattened to [n, features], no gradient flows into it. */
  data: number | null;
}

/** ∂z, ∂b, ∂W of the layer given dy. */
function backward(dy: tf.Tensor, flat: tf.Tensor2D, z: tf.Tensor | undefined, b: tf.Tensor): [tf.Tensor2D, tf.Tensor, tf.Tensor2D] {
  const dz = (z ? tf.mul(dy, tf.step(z)) : dy) as tf.Tensor2D;
  let db: tf.Tensor = biasSum(dz);
  if (!tf.util.arraysEqual(db.shape, b.shape)) db = tf.reshape(db, b.shape);
  return [dz, db, matMulTA(flat, dz)];
}

/** z = flat·W + b, ReLU'd when asked, and a reader of what the backward pass keeps (flat, and z for the ReLU). */
function forward(flat: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor, relu: boolean, save: tf.GradSaveFunc) {
  const z = tf.add(tf.matMul(flat, w), b);
  return { value: relu ? tf.relu(z) : z, read: keepForBackward(save, relu ? [flat, z] : [flat]) };
}

/** `w` and `b` must be tf.Variables (closed over, never freed during a step); `a`, when not data, made in the step. */
export function denseLayer(a: tf.Tensor, w: tf.Tensor2D, b: tf.Tensor, opts: DenseOptions): tf.Tensor2D {
  const features = opts.data;
  if (features !== null) {
    const op = tf.customGrad((...args: Args) => {
      const [w2, b1, save] = args as [tf.Tensor2D, tf.Tensor, tf.GradSaveFunc];
      // Reshape even a 2-D input: the held tensor must be the op's own, never the caller's.
      const flat = tf.reshape(a, [-1, features]) as tf.Tensor2D;
      const { value, read } = forward(flat, w2, b1, opts.relu, save);
      return {
        value,
        gradFunc: (dy, saved) => {
          const [sFlat, sZ] = read(saved as tf.Tensor[]);
          const [, db, dw] = backward(dy as tf.Tensor, sFlat as tf.Tensor2D, sZ, b1);
          return [dw, db];
        },
      };
    });
    return (op as (w: tf.Tensor, b: tf.Tensor) => tf.Tensor)(w, b) as tf.Tensor2D;
  }
  const op = tf.customGrad((...args: Args) => {
    const [a1, w2, b1, save] = args as [tf.Tensor, tf.Tensor2D, tf.Tensor, tf.GradSaveFunc];
    const flat = a1.rank === 2 ? (a1 as tf.Tensor2D) : tf.reshape(a1, [a1.shape[0] ?? -1, -1]) as tf.Tensor2D;
    const { value, read } = forward(flat, w2, b1, opts.relu, save);
    return {
      value,
      gradFunc: (dy, saved) => {
        const [sFlat, sZ] = read(saved as tf.Tensor[]);
        const [dz, db, dw] = backward(dy as tf.Tensor, sFlat as tf.Tensor2D, sZ, b1);
        const dFlat = matMulTB(dz, w2);
        return [a1.rank === 2 ? dFlat : tf.reshape(dFlat, a1.shape), dw, db];
      },
    };
  });
  return (op as (a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor)(a, w, b) as tf.Tensor2D;
}
