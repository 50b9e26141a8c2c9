/**
 * A bias gradient: Σ of dy [..., C] over every axis but the last, i.e. tf.sum(dy, [0, ..., rank - 2]).
 *
 * tfjs-wasm's Sum over leading axes transposes dy first, then adds each channel's values in memory order in
 * float32, starting from 0. For small tensors (every dense layer's) the same additions in the same order in a JS
 * loop over the heap are ~3x cheaper than that kernel pair (measured: 32 vs 43 µs for [128, 100], 4 vs 17 µs for
 * [128, 10]; slower than wasm on a conv layer's [128, 24, 24, 16]) and bitwise equal: storing a float64 sum of two
 * float32 values into a Float32Array rounds it once, as float32 addition does. Elsewhere (larger tensors, other
 * backends, whose Sum may add in float64) it is tf.sum.
 *
 * With the native accelerator the same additions run in C at every size (`columnSums`, vectorised across channels,
 * each channel in its own order): a conv layer's [128, 24, 24, 16] gradient took wasm's Transpose + Sum ~2 ms of a
 * CNN step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activeAccel } from './accel.ts';
import { heapValues } from './heap.ts';
import { columnSums } from './host-reduce.ts';

/** Largest dy (elements) the JS loop takes. */
const JS_LOOP_MAX = 16384;

export function biasSum(dy: tf.Tensor): tf.Tensor1D {
  const axes = dy.shape.slice(0, -1).map((_, i) => i);
  const accel = activeAccel();
  const x = accel !== null || dy.size <= JS_LOOP_MAX ? heapValues(dy) : null;
  if (x === null) return tf.sum(dy, axes) as tf.Tensor1D;
  const channels = dy.shape[dy.rank - 1]!;
  const rows = x.length / channels;
  if (accel === null) return tf.tensor1d(columnSums(x, rows, channels, false, false));
  const out = new Float32Array(channels);
  accel.columnSums(x, rows, channels, out);
  return tf.tensor1d(out);
}
