/**
 * Evaluation in chunks: every diagnostic that runs the model over a data set (up to tens of thousands of examples)
 * slices it into row chunks so that activations and gradients never need memory for the whole set at once.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../core/contracts.ts';

/** Rows per forward pass. 512 keeps a Kumar CNN's activations (512×24×24×16 floats) near 19 MB. */
export const EVAL_CHUNK = 512;

/** Rows [start, start + size) of `t` along axis 0. */
export function sliceRows<T extends tf.Tensor>(t: T, start: number, size: number): T {
  const begin = t.shape.map((_, i) => (i === 0 ? start : 0));
  const shape = t.shape.map((d, i) => (i === 0 ? size : d));
  return tf.slice(t, begin, shape) as T;
}

/** Number of examples in a batch. */
export function batchSize(batch: Batch): number {
  return batch.x.shape[0] ?? 0;
}

/** Calls `fn` on consecutive row chunks of `batch` (views made and freed here), in order. */
export function forEachChunk(batch: Batch, fn: (chunk: Batch, start: number) => void, chunk = EVAL_CHUNK): void {
  const n = batchSize(batch);
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const x = sliceRows(batch.x, start, size);
    const y = sliceRows(batch.y, start, size);
    try {
      fn({ x, y }, start);
    } finally {
      x.dispose();
      y.dispose();
    }
  }
}

/**
 * Runs `fn` on a batch handed out by the run context (`sampleTrain`, `dataset`) and frees its tensors afterwards:
 * those batches belong to the caller.
 */
export function consume<T>(batch: Batch, fn: (batch: Batch) => T): T {
  try {
    return fn(batch);
  } finally {
    batch.x.dispose();
    batch.y.dispose();
  }
}
