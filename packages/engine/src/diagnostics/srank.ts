/**
 * `srank(delta=0.01, layer=-1, probe=2000)` — Kumar et al. 2021, "Implicit under-parameterization", eq. 1:
 *   srank_δ(Φ) = min { k : Σ_{i≤k} σ_i / Σ_j σ_j ≥ 1 - δ }
 * with σ sorted descending (plain, not squared, singular values). We follow the paper's formula; the reference
 * notes say Dohare et al.'s code (`compute_abs_approximate_rank`) counts one more, but the loop read there stops at
 * the same k, so the two agree except on float round-off at the boundary. An all-zero matrix has srank 0.
 */
import type { metricCatalog, ParamsOf } from '@plas/dsl/contract';
import type { MetricImpl } from '../core/contracts.ts';
import { featureSpectrum } from './feature-spectrum.ts';
import { nuclearNorm } from './spectrum.ts';
import { implementMetric } from './implement.ts';

export function srankOf(sigma: readonly number[], delta: number): number {
  const total = nuclearNorm(sigma);
  if (!(total > 0)) return 0;
  // a relative slack of 1e-12 keeps exact boundary cases (e.g. σ = (1, 1), δ = 0.5 ⇒ k = 1) from rounding up
  const target = (1 - delta) * total * (1 - 1e-12);
  let cumulative = 0;
  for (let k = 0; k < sigma.length; k++) {
    cumulative += sigma[k]!;
    if (cumulative >= target) return k + 1;
  }
  return sigma.length;
}

export const srank: MetricImpl<ParamsOf<typeof metricCatalog.srank>> = (ctx, params) => {
  const { sigma, finite } = featureSpectrum('srank', ctx, params);
  const delta = params.delta;
  return finite ? srankOf(sigma, delta) : NaN;
};

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('srank', srank);
