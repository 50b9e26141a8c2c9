/**
 * The intervention catalog: `.plas` name → factory. Adding an intervention = one file in this folder + one line here.
 * The names are the ones @plas/dsl produces in `InterventionSpec.name`.
 */
import type { InterventionFactory } from '../core/contracts.ts';
import { continualBackprop } from './continual-backprop.ts';
import { l2 } from './l2.ts';
import { l2Init } from './l2-init.ts';
import { redo } from './redo.ts';
import { reset } from './reset.ts';
import { resetOptimizer } from './reset-optimizer.ts';
import { setOptimizer } from './set-optimizer.ts';
import { shrinkPerturbIntervention } from './shrink-perturb.ts';

const REGISTRY: ReadonlyMap<string, InterventionFactory> = new Map<string, InterventionFactory>([
  ['reset', reset],
  ['reset_optimizer', resetOptimizer],
  ['shrink_perturb', shrinkPerturbIntervention],
  ['l2', l2],
  ['l2_init', l2Init],
  ['set_optimizer', setOptimizer],
  ['redo', redo],
  ['continual_backprop', continualBackprop],
]);

export function getIntervention(name: string): InterventionFactory | undefined {
  return REGISTRY.get(name);
}

export function interventionNames(): string[] {
  return [...REGISTRY.keys()];
}
