/**
 * `train.accuracy` / `test.accuracy`: fraction of examples whose arg-max output is the label,
 *   acc = (1/N) Σ_n [argmax_k f(x_n)_k = y_n],
 * over the whole split (`train` = the current phase's training data).
 * Classification only (cross-entropy, or squared error on one-hot targets).
 */
import type { MetricImpl } from '../core/contracts.ts';
import { forEachDatasetChunk } from './chunks.ts';
import { evaluateAccuracy } from './evaluate.ts';
import { DiagnosticError } from './params.ts';
import { implementMetric } from './implement.ts';

export function accuracyOn(split: 'train' | 'test'): MetricImpl<Record<string, never>> {
  const metric = `${split}.accuracy`;
  return (ctx) => {
    const accuracy = evaluateAccuracy(ctx.model, ctx.loss, (fn) => forEachDatasetChunk(ctx, split, Number.MAX_SAFE_INTEGER, fn));
    if (accuracy === null) {
      throw new DiagnosticError(`${metric}: accuracy needs class labels; this run is a regression (use ${split}.loss)`);
    }
    return accuracy;
  };
}

/** Registered by the metric registry, which finds these exports. */
export const trainAccuracy = implementMetric('train.accuracy', accuracyOn('train'));
export const testAccuracy = implementMetric('test.accuracy', accuracyOn('test'));
