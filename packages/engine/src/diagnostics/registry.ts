/**
 * Metric implementations, registered against their catalog entries (@plas/dsl/contract's metricCatalog): one line
 * per metric, one module each (formula and source in its header, a unit test on hand-computed values). Registering
 * a name twice, or one the catalog lacks, throws; test/catalog-coverage.test.ts fails when an entry other than the
 * online ones (the training loop computes those from the batches it trains on) has no implementation. Parameters
 * reach an implementation resolved (defaults filled, ranges checked with the language's words) and typed.
 */
import { metricCatalog, Registry, resolveOrThrow, type MetricEntry, type MetricName, type ParamsOf } from '@plas/dsl/contract';
import type { Diagnostic, MetricImpl } from '../core/contracts.ts';
import { accuracyOn } from './accuracy.ts';
import { deadUnits } from './dead-units.ts';
import { distanceFromInit } from './distance-from-init.ts';
import { dormantUnits } from './dormant-units.ts';
import { effectiveRank } from './effective-rank.ts';
import { featureRank } from './feature-rank.ts';
import { gradNorm } from './grad-norm.ts';
import { gradientNoise } from './gradient-noise.ts';
import { meanLossOn } from './mean-loss.ts';
import { redoDormant } from './redo-dormant.ts';
import { sharpness } from './sharpness.ts';
import { srank } from './srank.ts';
import { weightMagnitude } from './weight-magnitude.ts';
import { weightMagnitudeRatio } from './weight-magnitude-ratio.ts';
import { weightNorm } from './weight-norm.ts';

const metrics = new Registry<MetricEntry, Diagnostic>('metric', metricCatalog);

function register<K extends MetricName>(name: K, impl: MetricImpl<ParamsOf<(typeof metricCatalog)[K]>>): void {
  const entry = metricCatalog[name];
  metrics.register(name, (ctx, params) => impl(ctx, resolveOrThrow(entry, 'metric', params)));
}

register('train.accuracy', accuracyOn('train'));
register('train.loss', meanLossOn('train'));
register('test.accuracy', accuracyOn('test'));
register('test.loss', meanLossOn('test'));
register('dead_units', deadUnits);
register('dormant_units', dormantUnits);
register('redo_dormant', redoDormant);
register('effective_rank', effectiveRank);
register('srank', srank);
register('feature_rank', featureRank);
register('weight_magnitude', weightMagnitude);
register('weight_norm', weightNorm);
register('weight_magnitude_ratio', weightMagnitudeRatio);
register('distance_from_init', distanceFromInit);
register('grad_norm', gradNorm);
register('sharpness', sharpness);
register('gradient_noise', gradientNoise);

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
