/**
 * Correct predictions of one evaluation chunk counted from its outputs on the host, for `evaluateAccuracy`:
 *   prediction = the row's arg-max as tfjs's ArgMax takes it (rowArgMax: the first of equal maxima),
 *   truth      = the label (cross-entropy) or the target row's arg-max (one-hot squared error).
 * Only for chunks whose example losses are all numbers, so skipping the loss changes no accuracy: every output
 * finite and, under cross-entropy, fround(x − rowMax) > −∞ for every output (otherwise logSoftmax gives −∞ and the
 * one-hot product 0·(−∞) = NaN). Anything else returns null and the caller evaluates the chunk with the kernels.
 * Only on the backends whose ArgMax tie rule the test checks (wasm, cpu); tfjs-node keeps the kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '@plas/dsl';
import { rowArgMax } from '../backend/host-reduce.ts';

const CHECKED_BACKENDS = new Set(['wasm', 'cpu']);

/** Host copies of label tensors: an evaluation chunk kept for a task hands out the same `y` every epoch. */
const labelCache = new WeakMap<tf.Tensor, tf.TypedArray>();

function hostValues(t: tf.Tensor): tf.TypedArray {
  let values = labelCache.get(t);
  if (values === undefined) {
    values = t.dataSync();
    labelCache.set(t, values);
  }
  return values;
}

/** Whether every value of row r (width k) is finite. */
function rowFinite(v: tf.TypedArray, r: number, k: number): boolean {
  for (let j = 0; j < k; j++) if (!Number.isFinite(v[r * k + j]!)) return false;
  return true;
}

/** Hits in the chunk, or null when its losses might not all be numbers (or the targets are not plain labels). */
export function hostChunkHits(output: tf.Tensor, y: tf.Tensor, loss: LossKind): number | null {
  if (output.rank !== 2 || output.dtype !== 'float32' || !CHECKED_BACKENDS.has(tf.getBackend())) return null;
  const [rows, k] = output.shape as [number, number];
  const crossEntropy = loss === 'cross_entropy';
  if (crossEntropy ? y.dtype !== 'int32' || y.size !== rows : y.rank !== 2 || y.shape[0] !== rows || y.shape[1] !== k) return null;
  const out = output.dataSync();
  const truth = hostValues(y);
  let hits = 0;
  for (let r = 0; r < rows; r++) {
    if (!rowFinite(out, r, k) || (!crossEntropy && !rowFinite(truth, r, k))) return null;
    const predicted = rowArgMax(out, r, k);
    if (crossEntropy) {
      const max = out[r * k + predicted]!;
      for (let j = 0; j < k; j++) if (Math.fround(out[r * k + j]! - max) === -Infinity) return null;
    }
    const label = crossEntropy ? truth[r]! : rowArgMax(truth, r, k);
    if (predicted === label) hits++;
  }
  return hits;
}
