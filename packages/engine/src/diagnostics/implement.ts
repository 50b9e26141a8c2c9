/**
 * How a metric module declares what it implements: `export const registration = implementMetric('name', impl)`.
 * The registry finds every such export in this folder, so the name is written once in the engine. Parameters reach
 * `impl` resolved against the catalog entry (defaults filled, ranges checked with the language's words) and typed.
 */
import { metricCatalog, resolveOrThrow, type MetricName, type ParamsOf } from '@plas/dsl/contract';
import type { Diagnostic, MetricImpl } from '../core/contracts.ts';


export interface MetricRegistration {
  readonly implements: 'metric';
  readonly name: MetricName;
  readonly diagnostic: Diagnostic;
}

export function implementMetric<K extends MetricName>(name: K, impl: MetricImpl<ParamsOf<(typeof metricCatalog)[K]>>): MetricRegistration {
  const entry = metricCatalog[name];
  return { implements: 'metric', name, diagnostic: (ctx, params) => impl(ctx, resolveOrThrow(entry, 'metric', params)) };
}

export function isMetricRegistration(value: unknown): value is MetricRegistration {
  return typeof value === 'object' && value !== null && (value as Partial<MetricRegistration>).implements === 'metric';
}
