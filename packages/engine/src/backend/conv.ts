/**
 * A convolutional layer's ops as custom-gradient ops, as dense.ts does for dense layers:
 *   convLayer: y = act(conv2d(x, W, stride 1, 'valid') + b), act ReLU or none;  maxPool2d: non-overlapping max-pool.
 * Their gradients run the kernels tfjs's own gradients run, with the same attributes (Conv2DBackpropInput and
 * Conv2DBackpropFilter for conv2d, ∂b = Σ over batch, rows and columns for the bias Add, dy · step(z) for ReLU,
 * MaxPoolGrad for max-pool), so every value is bitwise theirs. What changes is bookkeeping: fewer tape nodes, and
 * no copies of the (large) activations for the backward pass (held.ts); the data (first layer) and the weights
 * (tf.Variables) are closed over, and no gradient is computed for the data.
 */
import * as tf from '@tensorflow/tfjs-core';
import { biasSum } from './bias-sum.ts';
import { keepForBackward } from './held.ts';

type Args = (tf.Tensor | tf.GradSaveFunc)[];

const CONV = { strides: 1, pad: 'valid', dataFormat: 'NHWC' } as const;

function run(kernel: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): tf.Tensor {
  return tf.engine().runKernel(kernel, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;
}

export interface ConvOptions {
  relu: boolean;
  /** When `x` is input data, the example shape [H, W, C]: reshaped to [n, H, W, C], no gradient flows into it. */
  data: number[] | null;
}

/** `w` and `b` must be tf.Variables; `x`, when not data, made in the step. */
export function convLayer(x: tf.Tensor, w: tf.Tensor4D, b: tf.Tensor, opts: ConvOptions): tf.Tensor4D {
  const shape = opts.data;
  const forward = (x4: tf.Tensor4D, w4: tf.Tensor4D, b1: tf.Tensor, save: tf.GradSaveFunc) => {
    const z = tf.add(tf.conv2d(x4, w4, CONV.strides, CONV.pad), b1);
    const value = opts.relu ? tf.relu(z) : z;
    const read = keepForBackward(save, opts.relu ? [x4, z] : [x4]);
    const grads = (dy: tf.Tensor, saved: tf.Tensor[]): { dz: tf.Tensor; db: tf.Tensor; dw: tf.Tensor; sx: tf.Tensor4D } => {
      const [sx, sz] = read(saved);
      const dz = sz ? tf.mul(dy, tf.step(sz)) : dy;
      let db: tf.Tensor = biasSum(dz);
      if (!tf.util.arraysEqual(db.shape, b1.shape)) db = tf.reshape(db, b1.shape);
      const dw = run('Conv2DBackpropFilter', { x: sx!, dy: dz }, { ...CONV, dimRoundingMode: undefined, filterShape: w4.shape });
      return { dz, db, dw, sx: sx as tf.Tensor4D };
    };
    return { value, grads };
  };
  if (shape !== null) {
    const op = tf.customGrad((...args: Args) => {
      const [w4, b1, save] = args as [tf.Tensor4D, tf.Tensor, tf.GradSaveFunc];
      // Reshape even a 4-D input: the held tensor must be the op's own, never the caller's.
      const { value, grads } = forward(tf.reshape(x, [-1, shape[0]!, shape[1]!, shape[2]!]), w4, b1, save);
      return {
        value,
        gradFunc: (dy, saved) => {
          const { db, dw } = grads(dy as tf.Tensor, saved as tf.Tensor[]);
          return [dw, db];
        },
      };
    });
    return (op as (w: tf.Tensor, b: tf.Tensor) => tf.Tensor)(w, b) as tf.Tensor4D;
  }
  const op = tf.customGrad((...args: Args) => {
    const [x4, w4, b1, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor, tf.GradSaveFunc];
    const { value, grads } = forward(x4, w4, b1, save);
    return {
      value,
      gradFunc: (dy, saved) => {
        const { dz, db, dw, sx } = grads(dy as tf.Tensor, saved as tf.Tensor[]);
        const dx = run('Conv2DBackpropInput', { dy: dz, filter: w4 }, { ...CONV, dimRoundingMode: undefined, inputShape: sx.shape });
        return [dx, dw, db];
      },
    };
  });
  return (op as (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor)(x, w, b) as tf.Tensor4D;
}

/** tf.maxPool(x, size, size, 'valid') with tfjs's gradient (MaxPoolGrad); `x` made in the step. */
export function maxPool2d(x: tf.Tensor4D, size: number): tf.Tensor4D {
  const op = tf.customGrad((...args: Args) => {
    const [x4, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
    const y = tf.maxPool(x4, size, size, 'valid');
    const read = keepForBackward(save, [x4, y]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [sx, sy] = read(saved as tf.Tensor[]);
        return run('MaxPoolGrad', { dy: dy as tf.Tensor, input: sx!, output: sy! }, { filterSize: size, strides: size, pad: 'valid', dimRoundingMode: undefined });
      },
    };
  });
  return (op as (x: tf.Tensor) => tf.Tensor)(x) as tf.Tensor4D;
}
