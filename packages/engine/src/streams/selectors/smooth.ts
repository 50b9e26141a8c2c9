/**
 * smooth(gamma, from): Berariu et al.'s smooth data transition. The pool is all the current data; the `from`
 * pipeline (applied to the same current data) names the earlier subset. At step n of N the sampler draws each
 * example from all data with probability p(n) = 1 - gamma^(50 n / N), otherwise from `from` (sampler.ts).
 * It must be the last selector of a pipeline; the test set is the current one.
 */
import { DataError } from '../../data/index.ts';
import { poolSize } from '../pool.ts';
import type { SelectorImpl } from '../pool.ts';

export const smooth: SelectorImpl<'smooth'> = (selector, state, ctx) => {
  const { gamma } = selector;
  if (!(gamma >= 0 && gamma <= 1)) throw new DataError(`smooth: gamma must be in [0, 1], got ${gamma}`);
  if (selector.from.length === 0) throw new DataError('smooth: `from` needs at least one selector');
  const earlier = ctx.run(selector.from, { ...state, smooth: null });
  if (earlier.smooth) throw new DataError('smooth: `from` cannot itself hold a smooth transition');
  if (poolSize(earlier.train) === 0) throw new DataError('smooth: `from` selects no examples');
  return { ...state, smooth: { gamma, from: earlier.train } };
};

/** p(n) = 1 - gamma^(50 n / N): the probability of drawing from all data at step n of N. */
export function smoothProbability(step: number, totalSteps: number, gamma: number): number {
  if (!(totalSteps > 0)) throw new RangeError(`smooth: totalSteps must be positive, got ${totalSteps}`);
  return 1 - Math.pow(gamma, (50 * step) / totalSteps);
}
