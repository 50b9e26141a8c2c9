/**
 * `sharpness(iterations=20, size=1000)` — the top eigenvalue of the Hessian of the mean training loss, by power
 * iteration on Hessian-vector products (as in the sharpness studies cited by Berariu et al.; Lyle et al. 2023):
 *
 *   v_0 ~ N(0, I) seeded by ctx.seedFor('sharpness'), normalised;   for t = 1..iterations:
 *     u_t = H v_(t-1) ≈ (∇L(θ + ε v) - ∇L(θ - ε v)) / 2ε      (central finite difference of gradients)
 *     λ_t = ⟨v_(t-1), u_t⟩                                      (Rayleigh quotient)
 *     v_t = u_t / ||u_t||
 *   value = λ_iterations.
 *
 * L is the mean loss over D = `ctx.dataset('train', size)` (the current training data). ε = 1e-3 · max(1, ||θ||₂) with
 * eps = 1e-3: exact for a quadratic loss, a slight smoothing across ReLU kinks otherwise. To cancel float32
 * round-off in θ ± εv, the quotient uses the perturbation actually applied, d = ((θ+εv) - (θ-εv))/2:
 * λ = ⟨d, ∇L(θ+) - ∇L(θ-)⟩ / 2⟨d, d⟩. Power iteration finds the eigenvalue of largest magnitude (negative only
 * when the loss is far from a minimum). θ is restored bit for bit afterwards; the optimiser is not touched.
 * A non-finite loss or gradient (a diverged model) gives NaN, which the recorder stores as null.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { metricCatalog, ParamsOf } from '@plas/dsl/contract';
import type { MetricImpl, Model } from '../core/contracts.ts';
import { makeRng } from '../core/seed.ts';
import { consume } from './chunks.ts';
import { disposeAll, dot, lossGradient, norm, type ParamTensors } from './gradient.ts';
import { implementMetric } from './implement.ts';

/** A seeded unit vector with the shapes of `model.params` (parameter order, then row-major). */
export function randomDirection(model: Model, seed: number): ParamTensors {
  const rng = makeRng(seed);
  const v = new Map<string, tf.Tensor>();
  for (const [name, p] of model.params) {
    const values = new Float32Array(p.size);
    for (let i = 0; i < values.length; i++) values[i] = rng.normal();
    v.set(name, tf.tensor(values, p.shape));
  }
  return scaled(v, 1 / norm(v), true);
}

/** `a` times `s` (disposing `a` when asked). */
function scaled(a: ParamTensors, s: number, disposeInput = false): ParamTensors {
  const out = new Map<string, tf.Tensor>();
  for (const [name, t] of a) out.set(name, tf.tidy(() => tf.mul(t, s)));
  if (disposeInput) disposeAll(a);
  return out;
}

/** Runs `fn` with the model's parameters set to θ + `shift` (per name), then puts the original tensors back. */
function withShift<T>(model: Model, shift: ParamTensors, fn: () => T): { result: T; shifted: ParamTensors } {
  const saved = new Map<string, tf.Tensor>();
  const shifted = new Map<string, tf.Tensor>();
  for (const [name, p] of model.params) {
    saved.set(name, tf.clone(p)); // shares the data: θ itself, not a copy of its values
    const moved = tf.tidy(() => tf.add(p, shift.get(name)!));
    shifted.set(name, moved);
    p.assign(moved);
  }
  try {
    return { result: fn(), shifted };
  } finally {
    for (const [name, p] of model.params) p.assign(saved.get(name)!);
    disposeAll(saved);
  }
}

/** The finite-difference step of the Hessian-vector product, relative to ||θ||; on the current training data. */
const FD_STEP = 1e-3;

export const sharpness: MetricImpl<ParamsOf<typeof metricCatalog.sharpness>> = (ctx, { iterations, size }) => {
  const on = 'train';
  const eps = FD_STEP;
  const model = ctx.model;
  return consume(ctx.dataset(on, size), (data) => {
    const theta = new Map<string, tf.Tensor>([...model.params].map(([n, p]) => [n, p as tf.Tensor]));
    const step = eps * Math.max(1, norm(theta));
    let v = randomDirection(model, ctx.seedFor('sharpness'));
    let lambda = NaN;
    try {
      for (let t = 0; t < iterations; t++) {
        const plusShift = scaled(v, step);
        const minusShift = scaled(v, -step);
        const plus = withShift(model, plusShift, () => lossGradient(model, ctx.loss, data));
        const minus = withShift(model, minusShift, () => lossGradient(model, ctx.loss, data));
        disposeAll(plusShift);
        disposeAll(minusShift);
        const diff = new Map<string, tf.Tensor>();
        const d = new Map<string, tf.Tensor>();
        for (const name of model.params.keys()) {
          diff.set(name, tf.sub(plus.result.get(name)!, minus.result.get(name)!));
          d.set(name, tf.tidy(() => tf.div(tf.sub(plus.shifted.get(name)!, minus.shifted.get(name)!), 2)));
        }
        [plus.result, plus.shifted, minus.result, minus.shifted].forEach(disposeAll);
        lambda = dot(d, diff) / (2 * dot(d, d));
        disposeAll(d);
        const size2 = norm(diff);
        if (!(size2 > 0)) {
          disposeAll(diff);
          break; // H v = 0: v spans the null space; λ = 0 from the quotient above
        }
        disposeAll(v);
        v = scaled(diff, 1 / size2, true);
      }
    } finally {
      disposeAll(v);
    }
    return Number.isFinite(lambda) ? lambda : NaN; // a diverged model: recorded as null
  });
};

/** Registered by the metric registry, which finds this export. */
export const registration = implementMetric('sharpness', sharpness);
