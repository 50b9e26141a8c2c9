/**
 * `train.loss` / `test.loss`: the mean training objective over the whole split
 * (`train` = the current phase's training data), L = (1/N) Σ_n ℓ(x_n, y_n) with ℓ = cross-entropy or squared error as in `loss.ts` (no penalty terms).
 */
import type { MetricImpl } from '../core/contracts.ts';
import { forEachDatasetChunk } from './chunks.ts';
import { evaluateChunks } from './evaluate.ts';
import { implementMetric } from './implement.ts';

export function meanLossOn(split: 'train' | 'test'): MetricImpl<Record<string, never>> {
  return (ctx) => {
    return evaluateChunks(ctx.model, ctx.loss, (fn) => forEachDatasetChunk(ctx, split, Number.MAX_SAFE_INTEGER, fn)).loss;
  };
}

/** Registered by the metric registry, which finds these exports. */
export const trainLoss = implementMetric('train.loss', meanLossOn('train'));
export const testLoss = implementMetric('test.loss', meanLossOn('test'));
