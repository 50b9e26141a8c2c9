/**
 * `set_optimizer(lr?, momentum?, beta1?, beta2?, eps?)`: overwrite optimiser hyper-parameters from now on
 * (optimizer.hyper[key] = value). State (moments, step count) is kept; combine with `reset_optimizer` to drop it.
 *
 * Berariu et al. 2021: a 10x higher learning rate in phase 2 largely closes the warm-start gap
 * (`at phase2: set_optimizer(lr: 0.01)`). Setting a key the optimiser does not have (e.g. `beta1` for SGD) is an
 * error rather than a silent no-op.
 */
import type { interventionCatalog, ParamsOf } from '@plas/dsl/contract';
import type { Intervention, InterventionImpl, RunContext } from '../core/contracts.ts';
import { implementIntervention } from './implement.ts';

const NAME = 'set_optimizer';
const KEYS = ['lr', 'momentum', 'beta1', 'beta2', 'eps'] as const;

export const setOptimizer: InterventionImpl<ParamsOf<typeof interventionCatalog.set_optimizer>> = (params): Intervention => {
  const updates: [string, number][] = [];
  for (const key of KEYS) {
    const value = params[key];
    if (value !== null) updates.push([key, value]);
  }
  if (updates.length === 0) throw new Error(`${NAME}: give at least one of ${KEYS.join(', ')}`);
  return {
    name: NAME,
    fire(ctx: RunContext): void {
      const hyper = ctx.optimizer.hyper;
      for (const [key] of updates) {
        if (!Object.hasOwn(hyper, key)) {
          throw new Error(
            `${NAME}: the ${ctx.optimizer.kind} optimiser has no hyper-parameter '${key}' (it has: ${Object.keys(hyper).join(', ')})`,
          );
        }
      }
      for (const [key, value] of updates) hyper[key] = value;
    },
  };
};

/** Registered by the intervention registry, which finds this export. */
export const registration = implementIntervention('set_optimizer', setOptimizer);
