/**
 * `train.accuracy` / `test.accuracy`: fraction of examples whose arg-max output is the label,
 *   acc = (1/N) Σ_n [argmax_k f(x_n)_k = y_n],
 * over `ctx.dataset(split, size)` (default: the whole split; `train` = the current phase's training data).
 * Classification only (cross-entropy, or squared error on one-hot targets).
 */
import type { Diagnostic } from '../core/contracts.ts';
import { consume } from './chunks.ts';
import { evaluate } from './evaluate.ts';
import { DiagnosticError, intParam } from './params.ts';

export function accuracyOn(split: 'train' | 'test'): Diagnostic {
  const metric = `${split}.accuracy`;
  return (ctx, params) => {
    const size = intParam(metric, params, 'size', Number.MAX_SAFE_INTEGER);
    const { accuracy } = consume(ctx.dataset(split, size), (data) => evaluate(ctx.model, ctx.loss, data));
    if (accuracy === null) {
      throw new DiagnosticError(`${metric}: accuracy needs class labels; this run is a regression (use ${split}.loss)`);
    }
    return accuracy;
  };
}
