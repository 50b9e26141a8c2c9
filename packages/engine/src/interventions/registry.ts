/**
 * Intervention implementations, registered against their catalog entries (@plas/dsl/contract's
 * interventionCatalog). Each module of this folder declares its own (`export const registration =
 * implementIntervention('name', impl)`) and is found here at load time, so a new intervention is its catalog entry
 * and its module. Registering a name twice, or a name the catalog lacks, throws; test/catalog-coverage.test.ts
 * fails when an entry has no implementation.
 */
import { interventionCatalog, Registry, type InterventionEntry } from '@plas/dsl/contract';
import type { InterventionFactory } from '../core/contracts.ts';
import { siblingExports } from '../core/sibling-modules.ts';
import { isInterventionRegistration } from './implement.ts';

const interventions = new Registry<InterventionEntry, InterventionFactory>('intervention', interventionCatalog);

for (const found of (await siblingExports(import.meta.url)).filter(isInterventionRegistration)) {
  interventions.register(found.name, found.factory);
}

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
