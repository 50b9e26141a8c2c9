/**
 * ReDo's τ-dormancy score (Sokar et al. 2023, "The dormant neuron phenomenon in deep reinforcement learning";
 * google/dopamine labs/redo/weight_recyclers.py, `estimate_neuron_score`).
 *
 *   s_j = mean_x |h_j(x)| / (mean_k mean_x |h_k(x)| + 1e-9)
 *
 * over the probe inputs x, per hidden layer; h is the post-activation output; for conv layers the inner mean also
 * runs over space, so a unit is a channel. Scores average 1 within a layer, hence each lies in [0, #features]. A unit
 * is τ-dormant iff s ≤ τ (τ = 0: exactly dead units; the paper uses τ ∈ {0, 0.025, 0.1}). The 1e-9 is the reference
 * code's guard; it makes a layer whose activations are all zero score 0 everywhere (all dormant), not NaN.
 *
 * CReLU (activation width factor 2): a unit owns two features, [relu(x)]_u and [relu(-x)]_u; its score is the mean of
 * the two feature scores (normalised over all 2U features), so it is dormant only when it is jointly quiet.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayerInfo } from '../core/contracts.ts';
import { meanAbsPerFeature } from './units.ts';

export const REDO_SCORE_EPSILON = 1e-9;

/** s_j for every activation feature (last axis) of a hidden output [batch, ...space, features]. */
export function redoFeatureScores(hidden: tf.Tensor): Float32Array {
  const meanAbs = meanAbsPerFeature(hidden);
  const values = meanAbs.dataSync() as Float32Array;
  meanAbs.dispose();
  return normaliseScores(values);
}

/** Divide per-feature mean activations by their layer mean (+1e-9), in float64 then stored as float32. */
export function normaliseScores(meanAbs: Float32Array): Float32Array {
  let total = 0;
  for (const v of meanAbs) total += v;
  const denom = total / meanAbs.length + REDO_SCORE_EPSILON;
  const out = new Float32Array(meanAbs.length);
  for (let j = 0; j < meanAbs.length; j++) out[j] = meanAbs[j]! / denom;
  return out;
}

/** Per-unit scores of a weight layer from its hidden output (CReLU: mean of the unit's two feature scores). */
export function redoUnitScores(hidden: tf.Tensor, layer: LayerInfo): Float32Array {
  const features = redoFeatureScores(hidden);
  const width = layer.units * layer.activationWidthFactor;
  if (features.length !== width) {
    throw new Error(`redo: layer '${layer.name}' has ${width} activation features but its hidden output has ${features.length}`);
  }
  if (layer.activationWidthFactor === 1) return features;
  const out = new Float32Array(layer.units);
  for (let u = 0; u < layer.units; u++) out[u] = (features[u]! + features[layer.units + u]!) / 2;
  return out;
}

/** Indices of the τ-dormant units: s ≤ τ. */
export function dormantUnits(scores: Float32Array, tau: number): number[] {
  const out: number[] = [];
  for (let u = 0; u < scores.length; u++) if (scores[u]! <= tau) out.push(u);
  return out;
}
