/**
 * Metric implementations, registered against their catalog entries (@plas/dsl/contract's metricCatalog). Each
 * module of this folder declares its own (`export const registration = implementMetric('name', impl)`; formula and
 * source in its header, a unit test on hand-computed values) and is found here at load time, so a new metric is its
 * catalog entry and its module. Registering a name twice, or one the catalog lacks, throws;
 * test/catalog-coverage.test.ts fails when an entry other than the online ones (the training loop computes those
 * from the batches it trains on) has no implementation.
 */
import { metricCatalog, Registry, type MetricEntry } from '@plas/dsl/contract';
import type { Diagnostic } from '../core/contracts.ts';
import { siblingExports } from '../core/sibling-modules.ts';
import { isMetricRegistration } from './implement.ts';

const metrics = new Registry<MetricEntry, Diagnostic>('metric', metricCatalog);

for (const found of (await siblingExports(import.meta.url)).filter(isMetricRegistration)) {
  metrics.register(found.name, found.diagnostic);
}

export function getDiagnostic(name: string): Diagnostic | undefined {
  return metrics.get(name)?.impl;
}

export function diagnosticNames(): string[] {
  return metrics.names();
}

/** Catalog metrics that need an implementation here and have none (the online ones are the training loop's). */
export function unimplementedMetrics(): string[] {
  return metrics.unimplemented((entry) => entry.online !== true);
}

export { DiagnosticError } from './params.ts';
