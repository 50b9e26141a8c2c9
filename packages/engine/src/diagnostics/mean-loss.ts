/**
 * `train.loss` / `test.loss`: the mean training objective over `ctx.dataset(split, size)` (default: the whole
 * split), L = (1/N) Σ_n ℓ(x_n, y_n) with ℓ = cross-entropy or squared error as in `loss.ts` (no penalty terms).
 */
import type { Diagnostic } from '../core/contracts.ts';
import { consume } from './chunks.ts';
import { evaluate } from './evaluate.ts';
import { intParam } from './params.ts';

export function meanLossOn(split: 'train' | 'test'): Diagnostic {
  const metric = `${split}.loss`;
  return (ctx, params) => {
    const size = intParam(metric, params, 'size', Number.MAX_SAFE_INTEGER);
    return consume(ctx.dataset(split, size), (data) => evaluate(ctx.model, ctx.loss, data)).loss;
  };
}
