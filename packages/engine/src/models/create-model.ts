/**
 * createModel: a Model (core/contracts.ts) from an IR ModelSpec. Parameters are named tf.Variables; every one is
 * drawn from its own seed deriveSeed(seed, paramName), so freshParams(seed) reproduces the initial values exactly
 * and adding a layer does not change the draws of the others. `seed` is the cell's init seed (deriveSeed(cell, 'init')).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '@plas/dsl';
import type { Model } from '../core/contracts.ts';
import { deriveSeed } from '../core/seed.ts';
import { planArchitecture } from './architecture.ts';
import type { Architecture } from './architecture.ts';
import { forwardPass } from './forward.ts';
import { initializer } from './init.ts';

/** The output layer's weights (architecture.ts names the last dense layer 'head'). */
const HEAD_KERNEL = 'head/kernel';

/** Fresh parameter values from the spec's init distribution, one seeded draw per parameter. */
export function drawParams(arch: Architecture, spec: ModelSpec, seed: number): Map<string, tf.Tensor> {
  const init = initializer(spec.init);
  const out = new Map<string, tf.Tensor>();
  for (const p of arch.params) {
    const s = deriveSeed(seed, p.name);
    const value = tf.tidy(() => {
      switch (p.role) {
        case 'kernel':
          return p.name === HEAD_KERNEL && init.headWeight ? init.headWeight(p, s) : init.weight(p, s);
        case 'bias':
          return init.bias(p, s);
        case 'norm_gain':
          return tf.ones(p.shape);
        case 'norm_offset':
          return tf.zeros(p.shape);
      }
    });
    out.set(p.name, value);
  }
  return out;
}

export function createModel(spec: ModelSpec, inputShape: number[], outputs: number, seed: number): Model {
  const arch = planArchitecture(spec, inputShape, outputs);
  const initial = drawParams(arch, spec, seed);
  const params = new Map<string, tf.Variable>();
  for (const [name, value] of initial) {
    params.set(name, tf.variable(value, true));
    value.dispose();
  }
  const lookup = (name: string): tf.Tensor => {
    const v = params.get(name);
    if (!v) throw new Error(`model has no parameter '${name}'`);
    return v;
  };
  return {
    spec,
    inputShape: [...inputShape],
    outputs,
    layers: arch.layers.map(({ kernel: _k, pool: _p, activation: _a, ...info }) => info),
    params,
    forward: (x) => forwardPass(arch, lookup, x),
    freshParams: (s) => drawParams(arch, spec, s),
    dispose: () => params.forEach((v) => v.dispose()),
  };
}
