/**
 * Mean loss and accuracy of the model over a whole batch, computed chunk by chunk (shared by the `*.loss` and
 * `*.accuracy` metrics): loss = (1/N) Σ_n ℓ(x_n, y_n), accuracy = (1/N) #{n : correct}; see `loss.ts`.
 *
 * `evaluateAccuracy` gives the same accuracy without the loss kernels where it can (see there): a `test.accuracy`
 * every epoch was ~12 kernels a chunk for a loss nobody read.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '@plas/dsl';
import type { Batch, Model } from '../core/contracts.ts';
import { batchSize, forEachChunk } from './chunks.ts';
import { exampleCorrect, exampleLosses } from './loss.ts';
import { hostChunkHits } from './host-accuracy.ts';

export interface Evaluation {
  loss: number;
  /** null for a regression with one output. */
  accuracy: number | null;
  examples: number;
}

export function evaluate(model: Model, loss: LossKind, data: Batch): Evaluation {
  return evaluateChunks(model, loss, (fn) => forEachChunk(data, fn));
}

/** The summed loss and hits (null: a one-output regression) of one chunk's outputs, by the kernels. */
function chunkSums(out: tf.Tensor2D, y: tf.Tensor, loss: LossKind): { loss: number; hits: number | null } {
  const [l, c] = tf.tidy(() => {
    const hits = exampleCorrect(out, y, loss);
    return [tf.sum(exampleLosses(out, y, loss)), hits === null ? null : tf.sum(hits)] as const;
  });
  const sums = { loss: l.dataSync()[0]!, hits: c === null ? null : c.dataSync()[0]! };
  tf.dispose(c === null ? [l] : [l, c]);
  return sums;
}

/** The chunk's outputs, kept past the scope they are made in (the caller disposes them). */
const outputsOf = (model: Model, chunk: Batch): tf.Tensor2D => tf.tidy(() => model.forward(chunk.x).output);

/** The same over chunks handed out by `eachChunk` (e.g. a run context's kept evaluation chunks). */
export function evaluateChunks(model: Model, loss: LossKind, eachChunk: (fn: (chunk: Batch) => void) => void): Evaluation {
  let n = 0;
  let lossSum = 0;
  let correct: number | null = 0;
  eachChunk((chunk) => {
    n += batchSize(chunk);
    const out = outputsOf(model, chunk);
    try {
      const sums = chunkSums(out, chunk.y, loss);
      lossSum += sums.loss;
      if (sums.hits === null) correct = null;
      else if (correct !== null) correct += sums.hits;
    } finally {
      out.dispose();
    }
  });
  // NaN outputs (a diverged model) still have an arg-max (index 0): report the accuracy as NaN, not as a score
  const accuracy = correct === null ? null : n === 0 || Number.isNaN(lossSum) ? NaN : correct / n;
  return { loss: n > 0 ? lossSum / n : NaN, accuracy, examples: n };
}

/**
 * `evaluateChunks(...).accuracy`, bit for bit, reading each chunk's outputs once instead of running the loss and
 * arg-max kernels. The loss mattered only through its NaN (a diverged model's accuracy is NaN): where the outputs
 * are finite and, under cross-entropy, no output is so far below its row's maximum that float32 x − max overflows,
 * every example's loss is a number, so the hits are counted on the host (host-accuracy.ts); any other chunk is
 * evaluated by the kernels as before.
 */
export function evaluateAccuracy(model: Model, loss: LossKind, eachChunk: (fn: (chunk: Batch) => void) => void): number | null {
  let n = 0;
  let correct = 0;
  let nan = false;
  let regression = false;
  eachChunk((chunk) => {
    n += batchSize(chunk);
    if (regression || nan) return;
    if (loss === 'squared_error' && (chunk.y.rank !== 2 || (chunk.y.shape[1] ?? 1) < 2)) {
      regression = true;
      return;
    }
    const out = outputsOf(model, chunk);
    try {
      const hits = hostChunkHits(out, chunk.y, loss);
      if (hits !== null) {
        correct += hits;
        return;
      }
      const sums = chunkSums(out, chunk.y, loss);
      if (Number.isNaN(sums.loss)) nan = true;
      correct += sums.hits!;
    } finally {
      out.dispose();
    }
  });
  if (regression) return null;
  return n === 0 || nan ? NaN : correct / n;
}
