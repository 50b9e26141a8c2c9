/**
 * Evaluation in chunks: every diagnostic that runs the model over a data set (up to tens of thousands of examples)
 * cuts it into row chunks so that activations and gradients never need memory for the whole set at once.
 *
 * Chunks are cut on the host: the batch is read once and each chunk uploaded as a new tensor. On the wasm backend
 * this is ~30x faster than the Slice kernel, which walks rows element by element (10,000 MNIST images: Slice
 * dominated a test-accuracy evaluation; see docs/performance.md).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Batch, RunContext } from '../core/contracts.ts';

/** Rows per forward pass. 512 keeps a Kumar CNN's activations (512×24×24×16 floats) near 19 MB. */
export const EVAL_CHUNK = 512;

/** A batch's values read back to the host, to cut rows from without tensor kernels. */
export interface HostBatch {
  n: number;
  x: { values: tf.TypedArray; tail: number[]; dtype: tf.DataType };
  y: { values: tf.TypedArray; tail: number[]; dtype: tf.DataType };
}

export function toHost(batch: Batch): HostBatch {
  const side = (t: tf.Tensor) => ({ values: t.dataSync(), tail: t.shape.slice(1), dtype: t.dtype });
  return { n: batch.x.shape[0] ?? 0, x: side(batch.x), y: side(batch.y) };
}

const rowSize = (tail: number[]): number => tail.reduce((a, b) => a * b, 1);

/** Rows [start, start + size) as new tensors (the caller disposes them). */
export function hostSlice(h: HostBatch, start: number, size: number): Batch {
  const cut = (s: HostBatch['x']) => {
    const r = rowSize(s.tail);
    return tf.tensor(s.values.slice(start * r, (start + size) * r), [size, ...s.tail], s.dtype);
  };
  return { x: cut(h.x), y: cut(h.y) };
}

/** The rows at `indices`, in that order, as new tensors (the caller disposes them). */
export function hostRows(h: HostBatch, indices: ArrayLike<number>): Batch {
  const pick = (s: HostBatch['x']) => {
    const r = rowSize(s.tail);
    const Ctor = s.values.constructor as new (n: number) => tf.TypedArray;
    const out = new Ctor(indices.length * r);
    for (let i = 0; i < indices.length; i++) {
      const from = indices[i]! * r;
      out.set(s.values.subarray(from, from + r), i * r);
    }
    return tf.tensor(out, [indices.length, ...s.tail], s.dtype);
  };
  return { x: pick(h.x), y: pick(h.y) };
}

/** Number of examples in a batch. */
export function batchSize(batch: Batch): number {
  return batch.x.shape[0] ?? 0;
}

/** Consecutive row chunks of `batch`, cut lazily as new tensors (a small batch: itself; an empty one: none). */
function* chunksOf(batch: Batch, chunk: number): Generator<{ part: Batch; start: number }> {
  const n = batchSize(batch);
  if (n <= chunk) {
    if (n > 0) yield { part: batch, start: 0 };
    return;
  }
  const host = toHost(batch);
  for (let start = 0; start < n; start += chunk) yield { part: hostSlice(host, start, Math.min(chunk, n - start)), start };
}

/** Calls `fn` on consecutive row chunks of `batch` (tensors made and freed here; a small batch is passed as is). */
export function forEachChunk(batch: Batch, fn: (chunk: Batch, start: number) => void, chunk = EVAL_CHUNK): void {
  for (const { part, start } of chunksOf(batch, chunk)) {
    try {
      fn(part, start);
    } finally {
      if (part !== batch) tf.dispose([part.x, part.y]);
    }
  }
}

/**
 * Host arrays of examples (x: `size` values a row; y: one label or `y.length / rows` targets a row) split into the rows
 * of `forEachChunk`'s chunks, in its order, as views (no copies).
 */
export function hostChunks<G extends { x: Float32Array; y: Int32Array | Float32Array }>(g: G, size: number, chunk = EVAL_CHUNK): G[] {
  const rows = size > 0 ? g.x.length / size : 0;
  if (rows <= chunk) return rows > 0 ? [g] : [];
  const perRow = g.y.length / rows;
  const out: G[] = [];
  for (let start = 0; start < rows; start += chunk) {
    const end = Math.min(start + chunk, rows);
    out.push({ ...g, x: g.x.subarray(start * size, end * size), y: g.y.subarray(start * perRow, end * perRow) });
  }
  return out;
}

/**
 * A run context's data set in evaluation chunks: the context's own (kept for the task) when it has them, else cut
 * here from `dataset(name, maxSize)` and freed afterwards. Both give the same rows and values in the same order.
 */
export function forEachDatasetChunk(ctx: RunContext, name: string, maxSize: number, fn: (chunk: Batch, start: number) => void): void {
  if (ctx.forEachDatasetChunk) ctx.forEachDatasetChunk(name, maxSize, fn);
  else consume(ctx.dataset(name, maxSize), (data) => forEachChunk(data, fn));
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
