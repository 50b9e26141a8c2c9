/**
 * `grad_norm(on='train', size=1000)` — Euclidean norm of the full-batch gradient of the mean loss,
 *   ||∇_θ L(θ; D)||₂,   L(θ; D) = (1/|D|) Σ_{(x,y) ∈ D} ℓ(x, y; θ),
 * over D = `ctx.dataset(on, size)`: 'train' (current phase), 'test', or a phase name (that phase's training data).
 * Measuring it on old and new data gives Ash & Adams 2020's gradient imbalance ||∇L(D_old)|| ≪ ||∇L(D_new)||.
 * All parameters together; no penalty terms (ℓ as in `loss.ts`, gradient accumulated in chunks, `gradient.ts`).
 */
import type { metricCatalog, ParamsOf } from '@plas/dsl/contract';
import type { MetricImpl } from '../core/contracts.ts';
import { consume } from './chunks.ts';
import { disposeAll, lossGradient, norm } from './gradient.ts';
import { implementMetric } from './implement.ts';

export const gradNorm: MetricImpl<ParamsOf<typeof metricCatalog.grad_norm>> = (ctx, { on, size }) => {
  const grad = consume(ctx.dataset(on, size), (data) => lossGradient(ctx.model, ctx.loss, data));
  try {
    return norm(grad);
  } finally {
    disposeAll(grad);
  }
};

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('grad_norm', gradNorm);
