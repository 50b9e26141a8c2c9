/**
 * `weight_magnitude` — mean absolute parameter value (Dohare et al. 2024 plot the average weight magnitude):
 *   per layer: (1/|θ_ℓ|) Σ_{θ ∈ layer ℓ} |θ|,    total: the same over every parameter of the model
 * (weights, biases and layer-norm parameters; see `per-layer.ts`).
 */
import type { Diagnostic } from '../core/contracts.ts';
import { perLayer, sumsOf } from './per-layer.ts';
import { implementMetric } from './implement.ts';

export const weightMagnitude: Diagnostic = (ctx) =>
  perLayer(
    ctx.model,
    (name) => sumsOf(ctx.model.params.get(name)!.dataSync()),
    (s) => (s.count > 0 ? s.abs / s.count : 0),
  );

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('weight_magnitude', weightMagnitude);
