/**
 * `l2(strength λ)`: L2 regularisation towards 0, added to every step's loss.
 *
 *   loss' = loss + (λ/2)·Σ_θ ||θ||²        so        ∇θ loss' = ∇θ loss + λ·θ
 *
 * Applied through `adjustGrads` to every weight and bias (not layer-norm parameters; see penalised-params.ts).
 * With SGD this is classic weight decay (θ ← θ - lr·λ·θ); with Adam it is coupled L2 (the decay passes through the
 * moments, as in Kumar et al. 2023's "L2" baseline and torch.optim.Adam's weight_decay), not AdamW's decoupled decay.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Intervention, InterventionImpl, RunContext } from '../core/contracts.ts';
import { heapValues } from '../backend/heap.ts';
import { penalisedParams } from './penalised-params.ts';
import { implementIntervention } from './implement.ts';

const NAME = 'l2';

/**
 * grads[name] + λ·(θ - anchor) for the penalised parameters (anchor = 0 when absent), a clone for the others. Every
 * returned tensor is new, so the caller may dispose all the old ones.
 */
export function addL2Gradient(
  grads: Record<string, tf.Tensor>,
  params: Map<string, tf.Variable>,
  penalised: Set<string>,
  strength: number,
  anchors: Map<string, tf.Tensor> | null,
): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, g] of Object.entries(grads)) {
    if (strength === 0 || !penalised.has(name)) {
      out[name] = tf.clone(g);
      continue;
    }
    const theta = params.get(name);
    if (theta === undefined) throw new Error(`gradient for unknown parameter '${name}'`);
    out[name] = tf.tidy(() => {
      let diff: tf.Tensor = theta;
      if (anchors !== null) {
        const anchor = anchors.get(name);
        if (anchor === undefined) throw new Error(`no initial value for parameter '${name}'`);
        diff = tf.sub(theta, anchor);
      }
      return tf.add(g, tf.mul(diff, strength));
    });
  }
  return out;
}

/**
 * addL2Gradient on host arrays, in place (the host training step's): g + (θ - anchor)·λ with each operation one
 * float32 operation as tfjs's Sub, Mul (λ rounded to float32, as its scalar tensor) and Add. `anchors` are read from
 * the heap: call before anything allocates a tensor.
 */
export function addL2HostGradient(
  grads: Map<string, Float32Array>,
  params: Map<string, Float32Array>,
  penalised: Set<string>,
  strength: number,
  anchors: Map<string, tf.Tensor> | null,
): void {
  if (strength === 0) return;
  const lambda = Math.fround(strength);
  for (const [name, g] of grads) {
    if (!penalised.has(name)) continue;
    const theta = params.get(name);
    if (theta === undefined) throw new Error(`gradient for unknown parameter '${name}'`);
    let anchor: Float32Array | null = null;
    if (anchors !== null) {
      const tensor = anchors.get(name);
      if (tensor === undefined) throw new Error(`no initial value for parameter '${name}'`);
      anchor = heapValues(tensor) ?? (tensor.dataSync() as Float32Array);
    }
    for (let i = 0; i < g.length; i++) {
      const diff = anchor === null ? theta[i]! : Math.fround(theta[i]! - anchor[i]!);
      g[i] = g[i]! + Math.fround(diff * lambda);
    }
  }
}

/**
 * An L2 penalty intervention `name(strength λ)` pulling the penalised parameters towards `anchorOf(ctx)` (0 when null):
 * shared by `l2` (towards 0) and `l2_init` (towards θ0).
 */
export function l2PenaltyFactory(name: string, anchorOf: (ctx: RunContext) => Map<string, tf.Tensor> | null): InterventionImpl<{ strength: number }> {
  return ({ strength }, model): Intervention => {
    const penalised = penalisedParams(model);
    return {
      name,
      adjustGrads(grads: Record<string, tf.Tensor>, ctx: RunContext): Record<string, tf.Tensor> {
        return addL2Gradient(grads, ctx.model.params, penalised, strength, anchorOf(ctx));
      },
      adjustHostGrads(grads: Map<string, Float32Array>, params: Map<string, Float32Array>, ctx: RunContext): void {
        addL2HostGradient(grads, params, penalised, strength, anchorOf(ctx));
      },
    };
  };
}

export const l2 = l2PenaltyFactory(NAME, () => null);

/** Registered by the intervention registry, which finds this export. */
export const registration = implementIntervention('l2', l2);
