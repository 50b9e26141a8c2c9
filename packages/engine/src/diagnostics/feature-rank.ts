/**
 * `feature_rank(eps=0.01, layer=-1, probe=2000)` — Lyle et al. 2022, "Understanding and preventing capacity loss
 * in reinforcement learning": the number of singular values of Φ/√n above ε,
 *   rank = #{ k : σ_k(Φ) / √n > ε },
 * n = number of probe inputs (rows of Φ), Φ as in `feature-spectrum.ts`.
 */
import type { metricCatalog, ParamsOf } from '@plas/dsl/contract';
import type { MetricImpl } from '../core/contracts.ts';
import { featureSpectrum } from './feature-spectrum.ts';
import { implementMetric } from './implement.ts';

export function featureRankOf(sigma: readonly number[], inputs: number, eps: number): number {
  if (inputs <= 0) return 0;
  const scale = Math.sqrt(inputs);
  return sigma.filter((s) => s / scale > eps).length;
}

export const featureRank: MetricImpl<ParamsOf<typeof metricCatalog.feature_rank>> = (ctx, params) => {
  const eps = params.eps;
  const { sigma, inputs, finite } = featureSpectrum('feature_rank', ctx, params);
  return finite ? featureRankOf(sigma, inputs, eps) : NaN;
};

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('feature_rank', featureRank);
