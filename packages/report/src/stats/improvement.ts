/**
 * Probability of improvement of an arm over the baseline, in two senses, both on the paired seeds:
 *
 *   seedWinRate = (1/n) Σ_s w(x_arm,s, x_base,s)                    the fraction of seeds on which the arm wins
 *   pairwise    = (1/n²) Σ_i Σ_j w(x_arm,i, x_base,j)                P(X_arm > X_base) over all arm×baseline pairs
 *
 * with w(a, b) = 1 if a is better than b, 1/2 on a tie, 0 otherwise, "better" meaning larger when higher is better
 * and smaller when lower is better. `pairwise` is the Mann-Whitney U statistic divided by n_arm·n_base, the
 * "probability of improvement" of Agarwal et al. 2021 (rliable, NeurIPS) computed on one task; `seedWinRate` is
 * its seed-matched counterpart. Both lie in [0, 1]; 0.5 means no difference.
 */
import type { PairedValue } from './paired.ts';

export type Better = 'higher' | 'lower';

export interface ProbabilityOfImprovement {
  n: number;
  seedWinRate: number;
  pairwise: number;
}

function win(a: number, b: number, better: Better): number {
  if (a === b) return 0.5;
  return (better === 'higher' ? a > b : a < b) ? 1 : 0;
}

export function probabilityOfImprovement(
  pairs: readonly Pick<PairedValue, 'arm' | 'base'>[],
  better: Better,
): ProbabilityOfImprovement | null {
  const n = pairs.length;
  if (n === 0) return null;
  let seedWins = 0;
  for (const p of pairs) seedWins += win(p.arm, p.base, better);
  let pairWins = 0;
  for (const a of pairs) for (const b of pairs) pairWins += win(a.arm, b.base, better);
  return { n, seedWinRate: seedWins / n, pairwise: pairWins / (n * n) };
}
