/**
 * Direct access to float32 tensors on the wasm backend's heap, for updates that would otherwise cost one kernel
 * launch per arithmetic operation (the fused optimiser steps). Only on wasm; a tensor that shares its memory with
 * another (refCount > 1, e.g. a reshape of it is alive) is never handed out for writing.
 */
import * as tf from '@tensorflow/tfjs-core';

interface WasmBackendData {
  dataIdMap: { get(dataId: object): { refCount: number } | undefined };
  typedArrayFromHeap(t: { shape: number[]; dtype: string; dataId: object }): Float32Array;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

/**
 * Float32Array views on the heap of `write` (each must own its memory alone) and `read` (any), in that order; null
 * when the active backend is not wasm or a tensor does not qualify. Take the views after the last allocation and
 * use them before the next one: growing the heap detaches them.
 */
export function heapViews(write: readonly tf.Tensor[], read: readonly tf.Tensor[]): Float32Array[] | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as WasmBackendData;
  for (const t of [...write, ...read]) {
    if (t.dtype !== 'float32' || t.isDisposed) return null;
  }
  for (const t of write) {
    if (backend.dataIdMap.get(t.dataId)?.refCount !== 1) return null;
  }
  return [...write, ...read].map((t) => backend.typedArrayFromHeap(t));
}

/** One tensor's values on the wasm heap, read-only (use before anything allocates a tensor); null off wasm. */
export function heapValues(t: tf.Tensor): Float32Array | null {
  return heapViews([], [t])?.[0] ?? null;
}

/**
 * A new float32 tensor on the wasm heap whose values `fill` writes straight into its memory (no host array copied
 * in afterwards); null off wasm. `fill` must write every element and must not allocate tensors (that can grow the
 * heap and detach the view); if it throws, the tensor is freed.
 */
export function filledOnHeap(shape: number[], fill: (values: Float32Array) => void): tf.Tensor | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as WasmBackendData;
  const t = tf.engine().makeTensorFromTensorInfo(backend.makeOutput(shape, 'float32'), tf.backend());
  try {
    fill(backend.typedArrayFromHeap(t));
  } catch (e) {
    t.dispose();
    throw e;
  }
  return t;
}
