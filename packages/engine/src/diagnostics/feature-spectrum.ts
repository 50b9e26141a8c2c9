/**
 * The spectrum the rank diagnostics share: singular values σ_1 ≥ σ_2 ≥ ... of the feature matrix Φ (probe inputs ×
 * features) of hidden layer `layer` (python-like over hidden layers, default -1 = the last hidden layer, the
 * penultimate layer of the network) on `ctx.sampleTrain(probe)`.
 */
import type { RunContext } from '../core/contracts.ts';
import { consume } from './chunks.ts';
import { resolveHiddenLayer } from './layers.ts';
import { featureMatrix } from './probe.ts';
import { singularValues } from './spectrum.ts';

export interface FeatureSpectrum {
  /** Empty when Φ holds a non-finite value (a diverged model): the rank metrics then give NaN (recorded as null). */
  sigma: number[];
  finite: boolean;
  /** Rows of Φ (probe inputs actually used). */
  inputs: number;
}

export function featureSpectrum(metric: string, ctx: RunContext, params: { layer: number; probe: number }): FeatureSpectrum {
  const layer = resolveHiddenLayer(metric, ctx.model, params.layer);
  const probe = params.probe;
  const phi = consume(ctx.sampleTrain(probe), (b) => featureMatrix(ctx.model, b, layer));
  const finite = phi.to1DArray().every(Number.isFinite);
  return { sigma: finite ? singularValues(phi) : [], finite, inputs: phi.rows };
}
