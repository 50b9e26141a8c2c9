/**
 * `redo(tau τ, probe = 256)`: Recycling Dormant neurons (Sokar et al. 2023; google/dopamine labs/redo/
 * weight_recyclers.py, NeuronRecycler). Usually fired `every N steps` (the paper: every 1,000 gradient steps).
 *
 * On fire, with x = ctx.sampleTrain(probe) and one forward pass:
 *   1. score every unit of every hidden layer (all weight layers but the head) — redo-score.ts; the unit is
 *      τ-dormant iff s ≤ τ. All masks come from the same forward pass, before any weight changes.
 *   2. for each dormant unit (unit surgery in units.ts):
 *        incoming weights  ← fresh values of the model's init distribution (model.freshParams(ctx.seedFor('redo')));
 *                            the reference draws Xavier-uniform, we draw the model's own init scheme
 *        bias              ← 0 (the reference zeroes the bias of recycled units)
 *        layer-norm gain/offset ← their init values 1 / 0 (the reference has no layer norm; Dohare's CBP does this)
 *        outgoing weights  ← 0 (the reference's default `init_method_outgoing = 'zero'`)
 *        optimiser state   ← 0 for all of the above slices via optimizer.resetUnits (the reference zeroes Adam's mu
 *                            and nu of the incoming and outgoing weights and keeps the step count, as we do; it
 *                            leaves the bias moments, which we zero too since the bias itself was reset)
 *   The head's own units are never recycled. All incoming re-initialisations are done before all outgoing zeroings
 *   (the reference applies the incoming masks, then the outgoing masks), so the weight between a recycled unit of
 *   layer i and a recycled unit of layer i+1 is 0.
 *
 * Conv layers: units are channels; incoming = kernel[..., c], outgoing = kernel[:, :, c, :] of the next conv, or the
 * rows r with r % C == c of a dense layer reading the NHWC-flattened output.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { interventionCatalog, ParamsOf } from '@plas/dsl/contract';
import type { Intervention, InterventionEffect, InterventionImpl, LayerInfo, Model, Optimizer, RunContext } from '../core/contracts.ts';
import { dormantUnits, redoUnitScores } from './redo-score.ts';
import { hiddenLayers, reinitIncoming, zeroOutgoing } from './units.ts';
import { implementIntervention } from './implement.ts';

const NAME = 'redo';

export interface RecycledLayer {
  layer: string;
  units: number[];
}

/** Score the hidden layers on `x`, then recycle the τ-dormant units; returns what was recycled per layer. */
export function recycleDormant(model: Model, optimizer: Optimizer, x: tf.Tensor, tau: number, seed: number): RecycledLayer[] {
  const layers = hiddenLayers(model);
  const scores: Float32Array[] = [];
  tf.tidy(() => {
    const { hidden } = model.forward(x);
    if (hidden.length !== layers.length) {
      throw new Error(`${NAME}: the model returned ${hidden.length} hidden outputs for ${layers.length} hidden layers`);
    }
    layers.forEach((layer, i) => scores.push(redoUnitScores(hidden[i]!, layer)));
  });
  const plan: { layer: LayerInfo; units: number[] }[] = layers.map((layer, i) => ({ layer, units: dormantUnits(scores[i]!, tau) }));
  if (plan.some((p) => p.units.length > 0)) {
    const fresh = model.freshParams(seed);
    try {
      // as the reference: every layer's incoming weights first, then every outgoing zeroing, so a weight joining
      // two recycled units (layer i's outgoing = layer i+1's incoming) ends up 0
      for (const p of plan) reinitIncoming(model, optimizer, p.layer, p.units, fresh);
      for (const p of plan) zeroOutgoing(model, optimizer, p.layer, p.units);
    } finally {
      for (const t of fresh.values()) t.dispose();
    }
  }
  return plan.map((p) => ({ layer: p.layer.name, units: p.units }));
}

export const redo: InterventionImpl<ParamsOf<typeof interventionCatalog.redo>> = ({ tau, probe }, model): Intervention => {
  if (hiddenLayers(model).length === 0) throw new Error(`${NAME}: the model has no hidden layer to recycle`);
  return {
    name: NAME,
    fire(ctx: RunContext): InterventionEffect {
      const batch = ctx.sampleTrain(probe);
      try {
        const recycled = recycleDormant(ctx.model, ctx.optimizer, batch.x, tau, ctx.seedFor(NAME));
        return { units: Object.fromEntries(recycled.map((r) => [r.layer, r.units.length])) };
      } finally {
        batch.x.dispose();
        batch.y.dispose();
      }
    },
  };
};

/** Registered by the intervention registry, which finds this export. */
export const registration = implementIntervention('redo', redo);
