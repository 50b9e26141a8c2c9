/**
 * `weight_magnitude_ratio` — how much each layer's weights grew or shrank since initialisation (Lyle et al. 2024
 * relate parameter-norm growth to plasticity loss; Dohare et al. 2024 plot the magnitude itself):
 *   per layer: mean|θ_ℓ| / mean|θ0_ℓ|,    total: the same over every parameter of the model,
 * with θ0 = `ctx.initialParams` (step 0) and a layer's parameters as in `per-layer.ts`. 1 = unchanged. A layer whose
 * initial parameters are all 0 has no ratio (NaN, stored as null).
 */
import type { metricCatalog, ParamsOf } from '@plas/dsl/contract';
import type { MetricImpl } from '../core/contracts.ts';
import { DiagnosticError } from './params.ts';
import { perLayer, sumsOf } from './per-layer.ts';
import { implementMetric } from './implement.ts';

export const weightMagnitudeRatio: MetricImpl<ParamsOf<typeof metricCatalog.weight_magnitude_ratio>> = (ctx) => {
  const initial = perLayer(
    ctx.model,
    (name) => {
      const init = ctx.initialParams.get(name);
      if (init === undefined) throw new DiagnosticError(`weight_magnitude_ratio: no initial value for parameter '${name}'`);
      return sumsOf(init.dataSync());
    },
    (s) => s.abs,
  );
  const now = perLayer(ctx.model, (name) => sumsOf(ctx.model.params.get(name)!.dataSync()), (s) => s.abs);
  // the counts cancel: mean|θ| / mean|θ0| = Σ|θ| / Σ|θ0| over the same parameters
  return Object.fromEntries(Object.entries(now).map(([layer, abs]) => [layer, initial[layer]! > 0 ? abs / initial[layer]! : NaN]));
};

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('weight_magnitude_ratio', weightMagnitudeRatio);
