/**
 * `feature_rank(eps=0.01, layer=-1, probe=2000)` — Lyle et al. 2022, "Understanding and preventing capacity loss
 * in reinforcement learning": the number of singular values of Φ/√n above ε,
 *   rank = #{ k : σ_k(Φ) / √n > ε },
 * n = number of probe inputs (rows of Φ), Φ as in `feature-spectrum.ts`.
 */
import type { Diagnostic } from '../core/contracts.ts';
import { featureSpectrum } from './feature-spectrum.ts';
import { numberParam } from './params.ts';

export function featureRankOf(sigma: readonly number[], inputs: number, eps: number): number {
  if (inputs <= 0) return 0;
  const scale = Math.sqrt(inputs);
  return sigma.filter((s) => s / scale > eps).length;
}

export const featureRank: Diagnostic = (ctx, params) => {
  const eps = numberParam('feature_rank', params, 'eps', 0.01, { min: 0 });
  const { sigma, inputs, finite } = featureSpectrum('feature_rank', ctx, params);
  return finite ? featureRankOf(sigma, inputs, eps) : NaN;
};
