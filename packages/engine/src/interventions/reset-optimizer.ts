/**
 * `reset_optimizer()`: forget all optimiser state — Adam's first and second moments and its step count (so bias
 * correction starts again), momentum's velocity. Berariu et al. 2021 reset the optimiser statistics between the
 * warm-start phases; a fresh model starts with none either.
 */
import type { interventionCatalog, ParamsOf } from '@plas/dsl/contract';
import type { Intervention, InterventionImpl, RunContext } from '../core/contracts.ts';
import { implementIntervention } from './implement.ts';

const NAME = 'reset_optimizer';

export const resetOptimizer: InterventionImpl<ParamsOf<typeof interventionCatalog.reset_optimizer>> = (): Intervention => {
  return {
    name: NAME,
    fire(ctx: RunContext): void {
      ctx.optimizer.reset();
    },
  };
};

/** Registered by the intervention registry, which finds this export. */
export const registration = implementIntervention('reset_optimizer', resetOptimizer);
