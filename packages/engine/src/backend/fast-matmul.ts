/**
 * a·b for 2-D tensors whose gradient uses explicit transposes and plain matmuls:
 *   ∂L/∂a = dy · bᵀ,   ∂L/∂b = aᵀ · dy.
 * Mathematically the same as tf.matMul's gradient, but tfjs's default writes ∂L/∂b as a transposed-A BatchMatMul,
 * which is slow on wasm (toolchain.md: 1.5-3.8x faster training steps for an MLP this way). Used by dense layers.
 *
 * A custom gradient computes every input's gradient eagerly, where tfjs's own ops skip inputs no variable depends
 * on. So the first layer, whose `a` is the data, uses `dataMatMul`: the same value and ∂L/∂b, and zeros for ∂L/∂a
 * (nothing upstream of the data), which saves a [batch, units]·[units, inputs] matmul per step (~15% of an MLP step).
 * With the native accelerator (accel.ts) the transposes become flags of one GEMM call: no Transpose kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activeAccel } from './accel.ts';
import './gradients.ts';

/** aᵀ·g: with the native accelerator the transpose is a flag of its GEMM; on plain wasm an explicit Transpose. */
export function matMulTA(a: tf.Tensor2D, g: tf.Tensor2D): tf.Tensor2D {
  return activeAccel() ? tf.matMul(a, g, true, false) : tf.matMul(tf.transpose(a), g);
}

/** g·bᵀ, likewise. */
export function matMulTB(g: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return activeAccel() ? tf.matMul(g, b, false, true) : tf.matMul(g, tf.transpose(b));
}

const customMatMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a2, b2, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a2, b2]);
  return {
    value: tf.matMul(a2, b2),
    gradFunc: (dy, saved) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return [matMulTB(g, sb), matMulTA(sa, g)];
    },
  };
});

const customDataMatMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a2, b2, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a2]);
  return {
    value: tf.matMul(a2, b2),
    gradFunc: (dy, saved) => {
      const [sa] = saved as [tf.Tensor2D];
      return [tf.zerosLike(sa), matMulTA(sa, dy as tf.Tensor2D)];
    },
  };
});

/** a·b where `a` is input data: no gradient flows into `a` (it is zero). */
export function dataMatMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return (customDataMatMul as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor)(a, b) as tf.Tensor2D;
}

export function fastMatMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return (customMatMul as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor)(a, b) as tf.Tensor2D;
}
