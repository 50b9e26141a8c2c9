/**
 * createOptimizer: an Optimizer (core/contracts.ts) for an IR OptimizerSpec, from the registry below; one file per
 * update rule. `params` gives each parameter's name and shape (a model's `params` map fits).
 */
import type { OptimizerSpec } from '@plas/dsl';
import type { Optimizer } from '../core/contracts.ts';
import { createAdam } from './adam.ts';
import { createMomentum } from './momentum.ts';
import { createSgd } from './sgd.ts';
import type { ParamShapes } from './slot-store.ts';

type Factories = { [K in OptimizerSpec['kind']]: (spec: Extract<OptimizerSpec, { kind: K }>, params: ParamShapes) => Optimizer };

export const OPTIMIZERS: Factories = {
  sgd: createSgd,
  momentum: createMomentum,
  adam: createAdam,
};

export function createOptimizer(spec: OptimizerSpec, params: ParamShapes): Optimizer {
  const factory = OPTIMIZERS[spec.kind] as ((s: OptimizerSpec, p: ParamShapes) => Optimizer) | undefined;
  if (!factory) throw new Error(`unknown optimiser '${String(spec.kind)}' (known: ${Object.keys(OPTIMIZERS).join(', ')})`);
  return factory(spec, params);
}

export { SlotStore } from './slot-store.ts';
export { hasStepCounts } from './adam.ts';
export type { StepCounts } from './adam.ts';
export type { ParamShapes } from './slot-store.ts';
export { createAdam, createMomentum, createSgd };
