/**
 * `weight_norm` — Euclidean norm of the parameters:
 *   per layer: ||θ_ℓ||₂ = sqrt(Σ_{θ ∈ layer ℓ} θ²),    total: ||θ||₂ over every parameter of the model
 * (weights, biases and layer-norm parameters; see `per-layer.ts`).
 */
import type { Diagnostic } from '../core/contracts.ts';
import { perLayer, sumsOf } from './per-layer.ts';
import { implementMetric } from './implement.ts';

export const weightNorm: Diagnostic = (ctx) =>
  perLayer(
    ctx.model,
    (name) => sumsOf(ctx.model.params.get(name)!.dataSync()),
    (s) => Math.sqrt(s.squares),
  );

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('weight_norm', weightNorm);
