/**
 * `continual_backprop(rate r, maturity m = 100, decay η = 0.99)`: Dohare et al. 2024, "Loss of plasticity in deep
 * continual learning" (Nature); shibhansh/loss-of-plasticity lop/algos/gnt.py (generate-and-test) and cbp_linear.py.
 * Fired `every_step` with the batch's hidden activations (StepSignals.hidden, before the update).
 *
 * Per step, for every hidden layer (all weight layers but the head), units u with features j(u):
 *   contribution  c_u = Σ_{j∈j(u)} mean_batch |h_j| · Σ_k |w_out[j, k]|      (conv: the mean also runs over space)
 *   age_u += 1;   util_u ← η·util_u + (1-η)·c_u
 *   eligible = { u : age_u > m };   accumulator += r·|eligible|   (only when eligible is non-empty)
 *   while accumulator ≥ 1: replace the eligible unit with the lowest bias-corrected utility util_u / (1 - η^age_u)
 *                          (gnt.py ranks by this Adam-style corrected value; ties → lowest index); accumulator -= 1
 *   replacing u: incoming weights ← fresh draw from the model's init (model.freshParams(ctx.seedFor(
 *                'continual_backprop'))), bias ← 0, layer-norm gain/offset ← 1/0 (cbp_linear.py), outgoing weights
 *                ← 0, util_u = age_u = 0, optimiser state of all those slices ← 0: Adam's moments AND its step
 *                count, per element, as the authors' AdamGnT does (gnt.py zeroes state['step'] of those slices too),
 *                so a replaced unit's bias correction starts afresh; keeping the step made a recycled unit's first
 *                updates 3-6x larger than intended.
 *                Layers are processed first to last, each incoming then outgoing, as gnt.py does: the weight between
 *                replaced units of layers i and i+1 ends up freshly drawn (layer i+1's re-init comes last).
 *
 * `utility` (gnt.py's util_type; both are the paper's):
 *   contribution            c_u as above (the default; gnt.py 'contribution').
 *   adaptable_contribution  c_u = Σ_j Σ_k|w_out[j,k]| · mean_batch|h_j − ĥ_j| / mean_i|w_in[i,u]|, where the running
 *                           mean activation m_j ← η·m_j + (1−η)·mean_batch h_j is bias-corrected ĥ_j = m_j/(1−η^age_u)
 *                           with the age after this step's increment, and m_j ← 0 for a replaced unit (gnt.py
 *                           'adaptable_contribution', used by the authors' slowly-changing-regression runs).
 *
 * Choices where the reference code offers several:
 *   - the accumulator, as cbp_linear.py and gnt.py with accumulate=True; gnt.py's default (accumulate=False)
 *     instead replaces one unit with probability r·|eligible| when that is below 1.
 *   - the accumulator is kept exactly, as r·(Σ_steps |eligible|) - replaced, so r = 0.01 with 10 mature units
 *     replaces after exactly 10 steps (in float64, 0.1 summed ten times is 0.9999999999999999 < 1).
 *   - Σ_k |w_out| where gnt.py takes the mean over k: a constant factor per layer, the same ranking.
 *   - gnt.py also moves the outgoing bias by the replaced unit's mean activation, but it zeroes that mean first,
 *     so the move is 0; we omit it.
 * Per-unit state lives in plain Float64Arrays; activations are read with one dataSync per step, or, after a host
 * training step (train/host-step.ts), from its arrays (cbp-host-stats.ts: the same float32 values, no kernels).
 * CReLU units own two features (see units.ts); their contributions add.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { interventionCatalog, ParamsOf } from '@plas/dsl/contract';
import type { HostActivations, Intervention, InterventionEffect, InterventionImpl, LayerInfo, Model, Optimizer, StepSignals } from '../core/contracts.ts';
import { featureIndices, hiddenLayers, meanAbsPerFeature, outgoingMagnitude, recycleUnits } from './units.ts';
import { implementIntervention } from './implement.ts';
import { columnSums, rowAbsSums } from '../backend/host-reduce.ts';
import { heapValues } from '../backend/heap.ts';
import { meanAbsDeviation } from './cbp-host-stats.ts';

const NAME = 'continual_backprop';

type Params = ParamsOf<typeof interventionCatalog.continual_backprop>;
export type CbpUtility = Params['utility'];

export interface CbpSettings {
  rate: number;
  maturity: number;
  decay: number;
  utility?: CbpUtility;
}

/** The per-layer state of continual backprop. */
export interface CbpLayerState {
  layer: LayerInfo;
  utility: Float64Array;
  age: Float64Array;
  /** Running mean activation per feature (adaptable_contribution only). */
  meanAct: Float64Array;
  /** Σ over steps of the number of eligible units. */
  eligibleSteps: number;
  replaced: number;
}

export function initialCbpState(model: Pick<Model, 'layers'>): CbpLayerState[] {
  return hiddenLayers(model).map((layer) => ({
    layer,
    utility: new Float64Array(layer.units),
    age: new Float64Array(layer.units),
    meanAct: new Float64Array(layer.units * layer.activationWidthFactor),
    eligibleSteps: 0,
    replaced: 0,
  }));
}

/** The weights of a dense layer feeding a dense layer, as heap views for the host statistics; null otherwise. */
function hostWeights(model: Model, layer: LayerInfo): { wIn: Float32Array; wOut: Float32Array; outputs: number } | null {
  const next = model.layers[layer.index + 1];
  if (layer.kind !== 'dense' || next?.kind !== 'dense' || layer.activationWidthFactor !== 1) return null;
  const w = model.params.get(layer.weight);
  const wNext = model.params.get(next.weight);
  if (w === undefined || wNext === undefined) return null;
  const wIn = heapValues(w);
  const wOut = heapValues(wNext);
  return wIn === null || wOut === null ? null : { wIn, wOut, outputs: next.units };
}

/** Σ_k |w_out[j, k]| · mean_batch |h_j| per feature from host arrays, as the tensor path's float32 product; or null. */
function hostFeatureContributions(model: Model, host: HostActivations[], layers: LayerInfo[]): Float32Array | null {
  const flat = new Float32Array(layers.reduce((n, l) => n + l.units, 0));
  let at = 0;
  for (const [i, layer] of layers.entries()) {
    const weights = hostWeights(model, layer);
    const h = host[i];
    if (weights === null || h === undefined) return null;
    const meanAbs = columnSums(h.values, h.rows, layer.units, true, true);
    const wOut = rowAbsSums(weights.wOut, layer.units, weights.outputs);
    for (let j = 0; j < layer.units; j++) flat[at + j] = meanAbs[j]! * wOut[j]!;
    at += layer.units;
  }
  return flat;
}

/**
 * Contribution c_u of every unit of every hidden layer, read with a single dataSync, or from the host step's
 * activations when it gave them (cbp-host-stats.ts: the same float32 values).
 */
export function contributions(model: Model, hidden: tf.Tensor[], layers: LayerInfo[], host?: HostActivations[]): Float64Array[] {
  if (hidden.length !== layers.length) {
    throw new Error(`${NAME}: got ${hidden.length} hidden outputs for ${layers.length} hidden layers`);
  }
  let values = host === undefined ? null : hostFeatureContributions(model, host, layers);
  if (values === null) {
    const flat = tf.tidy(() => tf.concat(layers.map((l, i) => tf.mul(meanAbsPerFeature(hidden[i]!), outgoingMagnitude(model, l)))));
    values = flat.dataSync() as Float32Array;
    flat.dispose();
  }
  const out: Float64Array[] = [];
  let offset = 0;
  for (const layer of layers) {
    const width = layer.units * layer.activationWidthFactor;
    if (offset + width > values.length) throw new Error(`${NAME}: hidden output of '${layer.name}' is narrower than ${width} features`);
    const c = new Float64Array(layer.units);
    for (let u = 0; u < layer.units; u++) {
      for (const j of featureIndices(layer, [u])) c[u]! += values[offset + j]!;
    }
    out.push(c);
    offset += width;
  }
  return out;
}

/**
 * adaptable_contribution for one layer (see the header): updates the running mean activations in `state` (using
 * the age this step's selectReplacements will give each unit) and returns c_u per unit. With the host step's
 * activations (`host`) the float32 statistics come from host arrays (cbp-host-stats.ts), the same values.
 */
export function adaptableContribution(model: Model, hidden: tf.Tensor, state: CbpLayerState, decay: number, host?: HostActivations): Float64Array {
  const layer = state.layer;
  const width = layer.units * layer.activationWidthFactor;
  const axes = hidden.shape.slice(0, -1).map((_, i) => i);
  const weights = host === undefined ? null : hostWeights(model, layer);
  const [meanH, wOut, wIn] =
    host !== undefined && weights !== null
      ? [
          columnSums(host.values, host.rows, width, false, true),
          rowAbsSums(weights.wOut, width, weights.outputs),
          columnSums(weights.wIn, layer.fanIn, layer.units, true, true),
        ]
      : tf.tidy(() => [
          tf.mean(hidden, axes).dataSync(),
          outgoingMagnitude(model, layer).dataSync(),
          (() => {
            const w = model.params.get(layer.weight);
            if (!w) throw new Error(`${NAME}: the model has no parameter '${layer.weight}'`);
            return tf.mean(tf.abs(w), w.shape.slice(0, -1).map((_, i) => i)).dataSync();
          })(),
        ]);
  if (meanH!.length < width) throw new Error(`${NAME}: hidden output of '${layer.name}' is narrower than ${width} features`);
  const corrected = new Float32Array(width);
  for (let u = 0; u < layer.units; u++) {
    const correction = 1 - decay ** (state.age[u]! + 1);
    for (const j of featureIndices(layer, [u])) {
      state.meanAct[j] = decay * state.meanAct[j]! + (1 - decay) * meanH![j]!;
      corrected[j] = correction > 0 ? state.meanAct[j]! / correction : state.meanAct[j]!;
    }
  }
  const deviation =
    host !== undefined && weights !== null
      ? meanAbsDeviation(host, corrected)
      : tf.tidy(() => tf.mean(tf.abs(tf.sub(hidden, tf.tensor1d(corrected))), axes).dataSync());
  const c = new Float64Array(layer.units);
  for (let u = 0; u < layer.units; u++) {
    for (const j of featureIndices(layer, [u])) c[u]! += wOut![j]! * deviation[j]!;
    c[u] = wIn![u]! > 0 ? c[u]! / wIn![u]! : c[u]!;
  }
  return c;
}

/**
 * One step of the test phase for one layer: update ages and utilities, return the units to replace (and reset
 * their utility and age). Pure bookkeeping on the arrays, exported for tests.
 */
export function selectReplacements(state: CbpLayerState, contribution: Float64Array, s: CbpSettings): number[] {
  const { utility, age } = state;
  const eligible: number[] = [];
  for (let u = 0; u < utility.length; u++) {
    age[u]! += 1;
    utility[u] = s.decay * utility[u]! + (1 - s.decay) * contribution[u]!;
    if (age[u]! > s.maturity) eligible.push(u);
  }
  if (eligible.length === 0 || s.rate === 0) return [];
  state.eligibleSteps += eligible.length;
  const due = Math.floor(s.rate * state.eligibleSteps + 1e-9) - state.replaced;
  const count = Math.min(due, eligible.length);
  if (count < 1) return [];
  const corrected = (u: number): number => {
    const correction = 1 - s.decay ** age[u]!;
    return correction > 0 ? utility[u]! / correction : utility[u]!;
  };
  const chosen = eligible
    .map((u) => ({ u, value: corrected(u) }))
    .sort((a, b) => a.value - b.value || a.u - b.u)
    .slice(0, count)
    .map((e) => e.u)
    .sort((a, b) => a - b);
  for (const u of chosen) {
    utility[u] = 0;
    age[u] = 0;
  }
  state.replaced += count;
  return chosen;
}

/** One full continual-backprop step: bookkeeping for every layer, then the unit surgery. Returns replaced units per layer. */
export function continualBackpropStep(
  model: Model,
  optimizer: Optimizer,
  state: CbpLayerState[],
  hidden: tf.Tensor[],
  settings: CbpSettings,
  freshSeed: () => number,
  host?: HostActivations[],
): number[][] {
  const layers = state.map((s) => s.layer);
  const c =
    settings.utility === 'adaptable_contribution'
      ? state.map((s, i) => adaptableContribution(model, hidden[i]!, s, settings.decay, host?.[i]))
      : contributions(model, hidden, layers, host);
  const chosen = state.map((s, i) => selectReplacements(s, c[i]!, settings));
  state.forEach((s, i) => {
    for (const j of featureIndices(s.layer, chosen[i]!)) s.meanAct[j] = 0;
  });
  if (chosen.some((units) => units.length > 0)) {
    const fresh = model.freshParams(freshSeed());
    try {
      state.forEach((s, i) => recycleUnits(model, optimizer, s.layer, chosen[i]!, fresh, { steps: true }));
    } finally {
      for (const t of fresh.values()) t.dispose();
    }
  }
  return chosen;
}

export const continualBackprop: InterventionImpl<Params> = (settings: CbpSettings, model): Intervention => {
  const state = initialCbpState(model);
  if (state.length === 0) throw new Error(`${NAME}: the model has no hidden layer whose units could be replaced`);
  return {
    name: NAME,
    // Utilities need each step's hidden activations: the loop rejects any trigger but `every step` up front.
    needsSignals: true,
    fire(ctx, signals: StepSignals | null): InterventionEffect {
      if (signals === null) {
        throw new Error(`${NAME}: needs the batch's hidden activations; use it with the every_step trigger`);
      }
      const chosen = continualBackpropStep(ctx.model, ctx.optimizer, state, signals.hidden, settings, () => ctx.seedFor(NAME), signals.hostHidden);
      return { units: Object.fromEntries(state.map((s, i) => [s.layer.name, chosen[i]!.length])) };
    },
  };
};

/** Registered by the intervention registry, which finds this export. */
export const registration = implementIntervention('continual_backprop', continualBackprop);
