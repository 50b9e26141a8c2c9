/**
 * `shrink_perturb(shrink λ, perturb σ, noise = fresh_init)`: every parameter θ ← λ·θ + σ·ε.
 *
 *   noise = fresh_init   ε = a freshly initialised network's parameters, model.freshParams(ctx.seedFor('shrink_perturb'))
 *   noise = gaussian     ε ~ N(0, 1) element-wise, drawn with makeRng(deriveSeed(ctx.seedFor('shrink_perturb'), name))
 *
 * All parameters are transformed (weights, biases, layer-norm gain/offset), as in Ash & Adams' code. λ = 1 skips the
 * multiplication and σ = 0 skips the noise, so `shrink: 1, perturb: 0` leaves every parameter bit-identical.
 *
 * Published variants and how to write them:
 *   Ash & Adams 2020 (warm_start, run.py)   once per new data round, λ = 0.4, σ = 0.1, fresh_init:
 *                                            `at phase2: shrink_perturb(shrink: 0.4, perturb: 0.1)`
 *   Kumar et al. 2023                        every step θ ← (1 - s)θ + σ·θ_fresh, s = 1e-3 (Adam) / 1e-4 (SGD), σ = 1e-2:
 *                                            `every_step: shrink_perturb(shrink: 0.999, perturb: 0.01)`
 *   Dohare et al. 2024                       every step weight decay then Gaussian noise N(0, σ²), e.g. wd 1e-4, σ 1e-5:
 *                                            `every_step: shrink_perturb(shrink: 0.9999, perturb: 1e-5, noise: gaussian)`
 *                                            (in Dohare's code the decay is the optimiser's, i.e. λ = 1 - lr·wd)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { interventionCatalog, ParamsOf } from '@plas/dsl/contract';
import type { Intervention, InterventionImpl, Model, RunContext } from '../core/contracts.ts';
import { deriveSeed, makeRng } from '../core/seed.ts';
import { implementIntervention } from './implement.ts';

const NAME = 'shrink_perturb';
type Params = ParamsOf<typeof interventionCatalog.shrink_perturb>;
export type ShrinkPerturbNoise = Params['noise'];

/** Standard normal noise of a shape from a seed, independent of the tfjs backend. */
export function gaussianNoise(shape: number[], seed: number): tf.Tensor {
  const rng = makeRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng.normal();
  return tf.tensor(values, shape, 'float32');
}

/** θ ← λθ + σε for every parameter of `model`. */
export function shrinkPerturb(model: Model, shrink: number, perturb: number, noise: ShrinkPerturbNoise, seed: number): void {
  if (shrink === 1 && perturb === 0) return;
  const fresh = perturb !== 0 && noise === 'fresh_init' ? model.freshParams(seed) : null;
  try {
    for (const [name, v] of model.params) {
      tf.tidy(() => {
        let next: tf.Tensor = shrink === 1 ? v : tf.mul(v, shrink);
        if (perturb !== 0) {
          let eps: tf.Tensor;
          if (fresh !== null) {
            const f = fresh.get(name);
            if (f === undefined) throw new Error(`${NAME}: freshParams() returned no value for '${name}'`);
            eps = f;
          } else {
            eps = gaussianNoise(v.shape, deriveSeed(seed, name));
          }
          next = tf.add(next, perturb === 1 ? eps : tf.mul(eps, perturb));
        }
        v.assign(next);
      });
    }
  } finally {
    if (fresh !== null) for (const t of fresh.values()) t.dispose();
  }
}

export const shrinkPerturbIntervention: InterventionImpl<Params> = ({ shrink, perturb, noise }): Intervention => {
  return {
    name: NAME,
    fire(ctx: RunContext): void {
      shrinkPerturb(ctx.model, shrink, perturb, noise, ctx.seedFor(NAME));
    },
  };
};

/** Registered by the intervention registry, which finds this export. */
export const registration = implementIntervention('shrink_perturb', shrinkPerturbIntervention);
