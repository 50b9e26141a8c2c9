/**
 * The spectrum the rank diagnostics share: singular values σ_1 ≥ σ_2 ≥ ... of the feature matrix Φ (probe inputs ×
 * features) of hidden layer `layer` (python-like over hidden layers, default -1 = the last hidden layer, the
 * penultimate layer of the network) on `ctx.sampleTrain(probe)`.
 *
 * One SVD serves effective_rank, srank and feature_rank at the same step: the SVD (O(probe · width²), ~90% of a
 * rank metric's cost) is redone only when Φ differs, entry for entry, from the last Φ of the same model. Φ itself is
 * recomputed each time (one forward pass), so a reuse can never return the spectrum of other weights or inputs, and
 * the values are exactly those of a fresh SVD (the same deterministic computation on the same matrix).
 */
import type { Matrix } from 'ml-matrix';
import type { RunContext } from '../core/contracts.ts';
import { consume } from './chunks.ts';
import { resolveHiddenLayer } from './layers.ts';
import { featureMatrix } from './probe.ts';
import { singularValues } from './spectrum.ts';

/** Per model: the last Φ (row-major) and its singular values. */
const lastSpectrum = new WeakMap<object, { rows: number; columns: number; values: number[]; sigma: number[] }>();

/** σ(Φ), from the model's last SVD when Φ is identical to the matrix it was computed on. */
function sharedSingularValues(model: object, phi: Matrix, values: number[]): number[] {
  const last = lastSpectrum.get(model);
  if (last && last.rows === phi.rows && last.columns === phi.columns && last.values.every((v, i) => v === values[i])) {
    return [...last.sigma];
  }
  const sigma = singularValues(phi);
  lastSpectrum.set(model, { rows: phi.rows, columns: phi.columns, values, sigma: [...sigma] });
  return sigma;
}

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
  const values = phi.to1DArray();
  const finite = values.every(Number.isFinite);
  return { sigma: finite ? sharedSingularValues(ctx.model, phi, values) : [], finite, inputs: phi.rows };
}
