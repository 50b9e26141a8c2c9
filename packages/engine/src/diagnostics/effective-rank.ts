/**
 * `effective_rank(layer=-1, probe=2000)` — Roy & Vetterli 2007, "The effective rank: a measure of effective
 * dimensionality" (as used by Kumar et al. and Dohare et al. 2024):
 *   p_k = σ_k / Σ_j σ_j,    erank = exp( -Σ_k p_k log p_k )     (0 log 0 := 0)
 * over the singular values of the feature matrix (see `feature-spectrum.ts`). An all-zero matrix has erank 0; a
 * non-finite one (diverged model) gives NaN.
 */
import type { metricCatalog, ParamsOf } from '@plas/dsl/contract';
import type { MetricImpl } from '../core/contracts.ts';
import { featureSpectrum } from './feature-spectrum.ts';
import { nuclearNorm } from './spectrum.ts';
import { implementMetric } from './implement.ts';

export function effectiveRankOf(sigma: readonly number[]): number {
  const total = nuclearNorm(sigma);
  if (!(total > 0)) return 0;
  let entropy = 0;
  for (const s of sigma) {
    const p = s / total;
    if (p > 0) entropy -= p * Math.log(p);
  }
  return Math.exp(entropy);
}

export const effectiveRank: MetricImpl<ParamsOf<typeof metricCatalog.effective_rank>> = (ctx, params) => {
  const { sigma, finite } = featureSpectrum('effective_rank', ctx, params);
  return finite ? effectiveRankOf(sigma) : NaN;
};

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('effective_rank', effectiveRank);
