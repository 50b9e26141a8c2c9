/**
 * The diagnostic catalog: measure names as written in `.plas` files (and produced by @plas/dsl) mapped to their
 * implementations, one module each. To add a metric: write its module (formula and source in the header, a unit
 * test on hand-computed values) and add one line here. `online.*` metrics are not here: the training loop computes
 * them from the batches it trains on.
 */
import type { Diagnostic } from '../core/contracts.ts';
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
import { weightNorm } from './weight-norm.ts';

const DIAGNOSTICS: ReadonlyMap<string, Diagnostic> = new Map<string, Diagnostic>([
  ['train.accuracy', accuracyOn('train')],
  ['train.loss', meanLossOn('train')],
  ['test.accuracy', accuracyOn('test')],
  ['test.loss', meanLossOn('test')],
  ['dead_units', deadUnits],
  ['dormant_units', dormantUnits],
  ['redo_dormant', redoDormant],
  ['effective_rank', effectiveRank],
  ['srank', srank],
  ['feature_rank', featureRank],
  ['weight_magnitude', weightMagnitude],
  ['weight_norm', weightNorm],
  ['distance_from_init', distanceFromInit],
  ['grad_norm', gradNorm],
  ['sharpness', sharpness],
  ['gradient_noise', gradientNoise],
]);

export function getDiagnostic(name: string): Diagnostic | undefined {
  return DIAGNOSTICS.get(name);
}

export function diagnosticNames(): string[] {
  return [...DIAGNOSTICS.keys()];
}

export { DiagnosticError } from './params.ts';
