/**
 * `distance_from_init` — how far training moved the parameters from θ0 = `ctx.initialParams` (step 0; Kumar et
 * al. 2023 and Lyle et al. relate it to plasticity):
 *   per layer: ||θ_ℓ - θ0_ℓ||₂,    total: ||θ - θ0||₂ over every parameter of the model.
 */
import type { Diagnostic } from '../core/contracts.ts';
import { DiagnosticError } from './params.ts';
import { perLayer, sumsOf } from './per-layer.ts';
import { implementMetric } from './implement.ts';

export const distanceFromInit: Diagnostic = (ctx) =>
  perLayer(
    ctx.model,
    (name) => {
      const now = ctx.model.params.get(name)!.dataSync();
      const init = ctx.initialParams.get(name);
      if (init === undefined || init.size !== now.length) {
        throw new DiagnosticError(`distance_from_init: no initial value of the right size for parameter '${name}'`);
      }
      const start = init.dataSync();
      return sumsOf(Array.from(now, (v, i) => v - start[i]!));
    },
    (s) => Math.sqrt(s.squares),
  );

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('distance_from_init', distanceFromInit);
