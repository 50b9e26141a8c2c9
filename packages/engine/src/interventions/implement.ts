/**
 * How an intervention module declares what it implements: `export const registration = implementIntervention(
 * 'name', impl)`. The registry finds every such export in this folder, so the name is written once in the engine.
 * Parameters reach `impl` resolved against the catalog entry (defaults filled, ranges checked with the language's
 * words) and typed from it.
 */
import { interventionCatalog, resolveOrThrow, type InterventionName, type ParamsOf } from '@plas/dsl/contract';
import type { InterventionFactory, InterventionImpl } from '../core/contracts.ts';


export interface InterventionRegistration {
  readonly implements: 'intervention';
  readonly name: InterventionName;
  readonly factory: InterventionFactory;
}

export function implementIntervention<K extends InterventionName>(name: K, impl: InterventionImpl<ParamsOf<(typeof interventionCatalog)[K]>>): InterventionRegistration {
  const entry = interventionCatalog[name];
  return { implements: 'intervention', name, factory: (params, model) => impl(resolveOrThrow(entry, 'intervention', params), model) };
}

export function isInterventionRegistration(value: unknown): value is InterventionRegistration {
  return typeof value === 'object' && value !== null && (value as Partial<InterventionRegistration>).implements === 'intervention';
}
