/**
 * Continual backprop's per-step statistics of a dense layer read from host arrays: the activations the host
 * training step (train/host-step.ts) computed, and the weights on the wasm heap. At batch 1 on benchmark 10 the
 * tfjs reductions (~10 kernels and 4 read-backs a step) cost several times the step itself.
 *
 * Bitwise the float32 values the tensor path reads back (continual-backprop.ts, units.ts): |x| is exact; tfjs-wasm's
 * Sum and Mean over a leading axis transpose first, then add each feature's values in row order from 0 in float32
 * (a Mean then divides by the count); the product and the difference are one float32 operation each (Math.fround).
 * Where the heap cannot be read (another backend), the caller takes the tensor path.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { heapViews } from '../backend/heap.ts';

/** Activations of one hidden layer as the host step left them: `rows` × `width`, row-major. */
export interface HostActivations {
  values: Float32Array;
  rows: number;
}

/** Per feature j: Σ_r x[r, j] (or |x[r, j]|) over rows, in row order, in float32; divided by the rows when `mean`. */
export function columnSums(x: Float32Array, rows: number, width: number, abs: boolean, mean: boolean): Float32Array {
  const out = new Float32Array(width);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < width; j++) {
      const v = x[r * width + j]!;
      out[j] = out[j]! + (abs ? Math.abs(v) : v);
    }
  }
  if (mean) for (let j = 0; j < width; j++) out[j] = out[j]! / rows;
  return out;
}

/** Σ_k |w[j, k]| per row j of a [rows, cols] matrix (tf.sum(tf.abs(w), 1)). */
export function rowAbsSums(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows);
  for (let j = 0; j < rows; j++) {
    let s = 0;
    for (let k = 0; k < cols; k++) s = Math.fround(s + Math.abs(w[j * cols + k]!));
    out[j] = s;
  }
  return out;
}

/** A weight's values on the wasm heap (read-only; use before anything allocates a tensor), or null. */
export function heapValues(w: tf.Tensor): Float32Array | null {
  return heapViews([], [w])?.[0] ?? null;
}

/** mean_r |h[r, j] − centre[j]| per feature j (tf.mean(tf.abs(tf.sub(h, centre)), 0)). */
export function meanAbsDeviation(h: HostActivations, centre: Float32Array): Float32Array {
  const width = centre.length;
  const out = new Float32Array(width);
  for (let r = 0; r < h.rows; r++) {
    for (let j = 0; j < width; j++) out[j] = out[j]! + Math.abs(Math.fround(h.values[r * width + j]! - centre[j]!));
  }
  for (let j = 0; j < width; j++) out[j] = out[j]! / h.rows;
  return out;
}
