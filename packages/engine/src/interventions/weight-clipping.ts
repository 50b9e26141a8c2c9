/**
 * `weight_clipping(kappa κ)`: Elsayed, Lan, Lyle & Mahmood 2024, "Weight clipping for deep continual and
 * reinforcement learning". Usually fired `every step:` (then after each update, as the authors' optimiser
 * wrapper clips after `step()`):
 *
 *   for every weight layer ℓ (the head too, their `clip_last_layer=True`):
 *     kernel_ℓ, bias_ℓ ← clip(·, −κ·s_ℓ, κ·s_ℓ),    s_ℓ = 1/√fan_in(ℓ)
 *
 * s_ℓ is the authors' `InitBounds`: the bound of PyTorch's default (Kaiming-uniform, a = √5) initialisation of the
 * layer, for its weight and its bias alike, whatever init the model actually used. Layer-norm gain/offset are not
 * clipped (the authors' networks have none). Clipping is idempotent, so a repeated fire changes nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { interventionCatalog, ParamsOf } from '@plas/dsl/contract';
import type { Intervention, InterventionImpl, LayerInfo, Model, RunContext } from '../core/contracts.ts';
import { implementIntervention } from './implement.ts';

const NAME = 'weight_clipping';

/** s_ℓ = 1/√fan_in. */
export function initBound(layer: Pick<LayerInfo, 'fanIn'>): number {
  return 1 / Math.sqrt(layer.fanIn);
}

/** Clip every layer's kernel and bias of `model` to ±κ·s_ℓ, in place. */
export function clipWeights(model: Model, kappa: number): void {
  for (const layer of model.layers) {
    const limit = kappa * initBound(layer);
    for (const name of [layer.weight, layer.bias]) {
      const v = model.params.get(name);
      if (v === undefined) throw new Error(`${NAME}: the model has no parameter '${name}'`);
      tf.tidy(() => v.assign(tf.clipByValue(v, -limit, limit)));
    }
  }
}

export const weightClipping: InterventionImpl<ParamsOf<typeof interventionCatalog.weight_clipping>> = ({ kappa }): Intervention => ({
  name: NAME,
  fire(ctx: RunContext): void {
    clipWeights(ctx.model, kappa);
  },
});

/** Registered by the intervention registry, which finds this export. */
export const registration = implementIntervention('weight_clipping', weightClipping);
