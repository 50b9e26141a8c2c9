/**
 * Intervention implementations, registered against their catalog entries (@plas/dsl/contract's
 * interventionCatalog): one line per intervention. Registering a name twice, or a name the catalog lacks, throws;
 * test/catalog-coverage.test.ts fails when an entry has no implementation. Parameters reach an implementation
 * resolved (defaults filled, ranges checked with the language's words) and typed from the entry.
 */
import { interventionCatalog, Registry, resolveOrThrow, type InterventionEntry, type InterventionName, type ParamsOf } from '@plas/dsl/contract';
import type { InterventionFactory, InterventionImpl } from '../core/contracts.ts';
import { continualBackprop } from './continual-backprop.ts';
import { l2 } from './l2.ts';
import { l2Init } from './l2-init.ts';
import { redo } from './redo.ts';
import { reset } from './reset.ts';
import { resetOptimizer } from './reset-optimizer.ts';
import { setOptimizer } from './set-optimizer.ts';
import { shrinkPerturbIntervention } from './shrink-perturb.ts';
import { weightClipping } from './weight-clipping.ts';

const interventions = new Registry<InterventionEntry, InterventionFactory>('intervention', interventionCatalog);

function register<K extends InterventionName>(name: K, impl: InterventionImpl<ParamsOf<(typeof interventionCatalog)[K]>>): void {
  const entry = interventionCatalog[name];
  interventions.register(name, (params, model) => impl(resolveOrThrow(entry, 'intervention', params), model));
}

register('reset', reset);
register('reset_optimizer', resetOptimizer);
register('shrink_perturb', shrinkPerturbIntervention);
register('l2', l2);
register('l2_init', l2Init);
register('set_optimizer', setOptimizer);
register('redo', redo);
register('continual_backprop', continualBackprop);
register('weight_clipping', weightClipping);

export function getIntervention(name: string): InterventionFactory | undefined {
  return interventions.get(name)?.impl;
}

export function interventionNames(): string[] {
  return interventions.names();
}

/** Catalog entries without an implementation (empty when the engine is complete). */
export function unimplementedInterventions(): string[] {
  return interventions.unimplemented();
}
