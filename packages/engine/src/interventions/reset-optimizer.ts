/**
 * `reset_optimizer()`: forget all optimiser state — Adam's first and second moments and its step count (so bias
 * correction starts again), momentum's velocity. Berariu et al. 2021 reset the optimiser statistics between the
 * warm-start phases; a fresh model starts with none either.
 */
import type { Intervention, InterventionFactory, RunContext } from '../core/contracts.ts';
import { checkKeys } from './params.ts';

const NAME = 'reset_optimizer';

export const resetOptimizer: InterventionFactory = (params): Intervention => {
  checkKeys(NAME, params, []);
  return {
    name: NAME,
    fire(ctx: RunContext): void {
      ctx.optimizer.reset();
    },
  };
};
