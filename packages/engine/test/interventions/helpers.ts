/**
 * Test scaffolding for the interventions: tiny models with hand-set weights, a context that hands out seeded
 * purposes, and a small optimiser implementing the Optimizer contract (state slots, reset, resetUnits), so that
 * the tests check our interventions' effect on state without depending on the training loop.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, ModelSpec } from '@plas/dsl';
import { selectBackend } from '../../src/backend/select.ts';
import type { Batch, Model, Optimizer, RunContext } from '../../src/core/contracts.ts';
import { deriveSeed } from '../../src/core/seed.ts';
import { createModel } from '../../src/models/create-model.ts';

export async function useCpu(): Promise<void> {
  await selectBackend('cpu');
}

export function mlpSpec(hidden: number[], activation: Activation = 'relu', layerNorm = false): ModelSpec {
  return { kind: 'mlp', hidden, activation, layerNorm, init: 'he_uniform' };
}

export function mlp(hidden: number[], inputs: number, outputs: number, opts: { activation?: Activation; layerNorm?: boolean; seed?: number } = {}): Model {
  return createModel(mlpSpec(hidden, opts.activation ?? 'relu', opts.layerNorm ?? false), [inputs], outputs, opts.seed ?? 7);
}

/** Set a parameter to explicit values (nested arrays in the parameter's shape). */
export function setParam(model: Model, name: string, values: number[] | number[][] | number[][][][]): void {
  const v = model.params.get(name);
  if (!v) throw new Error(`no parameter ${name}`);
  tf.tidy(() => v.assign(tf.tensor(values as number[], v.shape, 'float32')));
}

export function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}

export function param(model: Model, name: string): number[] {
  const v = model.params.get(name);
  if (!v) throw new Error(`no parameter ${name}`);
  return values(v);
}

/** Copies of every parameter's values, for before/after comparisons. */
export function snapshot(model: Model): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const [name, v] of model.params) out.set(name, Float32Array.from(v.dataSync() as Float32Array));
  return out;
}

/**
 * A plain Adam with the contract's state interface: slots { m, v } per parameter and a step count. `fill` sets
 * every slot to a constant so tests can see what reset/resetUnits zeroed.
 */
export class TestAdam implements Optimizer {
  kind = 'adam' as const;
  hyper: Record<string, number> = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
  step = 0;
  private state = new Map<string, { m: tf.Variable; v: tf.Variable }>();

  constructor(params: Map<string, tf.Variable>) {
    for (const [name, p] of params) {
      this.state.set(name, { m: tf.variable(tf.zerosLike(p), false), v: tf.variable(tf.zerosLike(p), false) });
    }
  }

  fill(value: number): void {
    for (const s of this.state.values()) for (const t of [s.m, s.v]) tf.tidy(() => t.assign(tf.fill(t.shape, value)));
    this.step = 5;
  }

  apply(grads: Record<string, tf.Tensor>, params: Map<string, tf.Variable>): void {
    this.step += 1;
    const { lr, beta1, beta2, eps } = this.hyper as { lr: number; beta1: number; beta2: number; eps: number };
    for (const [name, g] of Object.entries(grads)) {
      const s = this.state.get(name)!;
      const p = params.get(name)!;
      tf.tidy(() => {
        s.m.assign(tf.add(tf.mul(s.m, beta1), tf.mul(g, 1 - beta1)));
        s.v.assign(tf.add(tf.mul(s.v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const mh = tf.div(s.m, 1 - beta1 ** this.step);
        const vh = tf.div(s.v, 1 - beta2 ** this.step);
        p.assign(tf.sub(p, tf.mul(tf.div(mh, tf.add(tf.sqrt(vh), eps)), lr)));
      });
    }
  }

  slots(param: string): Record<string, tf.Variable> {
    const s = this.state.get(param);
    if (!s) throw new Error(`no state for ${param}`);
    return { m: s.m, v: s.v };
  }

  reset(params?: string[]): void {
    const names = params ?? [...this.state.keys()];
    for (const name of names) for (const t of Object.values(this.slots(name))) tf.tidy(() => t.assign(tf.zerosLike(t)));
    if (params === undefined) this.step = 0;
  }

  resetUnits(param: string, axis: number, units: number[]): void {
    for (const t of Object.values(this.slots(param))) {
      tf.tidy(() => {
        const flags = new Float32Array(t.shape[axis]!);
        for (const u of units) flags[u] = 1;
        const keep = tf.sub(1, tf.tensor(flags, t.shape.map((d, k) => (k === axis ? d : 1))));
        t.assign(tf.mul(t, keep));
      });
    }
  }

  dispose(): void {
    for (const s of this.state.values()) {
      s.m.dispose();
      s.v.dispose();
    }
  }
}

export interface TestContext extends RunContext {
  /** The seeds handed out so far, by purpose. */
  seeds: Map<string, number>;
}

/** A RunContext over a fixed probe batch; seedFor(purpose) = deriveSeed(root, purpose, step). */
export function context(model: Model, optimizer: Optimizer, probe: Batch | null = null, root = 99): TestContext {
  const seeds = new Map<string, number>();
  const initialParams = new Map<string, tf.Tensor>();
  for (const [name, v] of model.params) initialParams.set(name, tf.clone(v));
  const position = { step: 0, epoch: 0, examples: 0, phase: 'p', task: 0 };
  return {
    model,
    optimizer,
    loss: 'cross_entropy',
    position,
    initialParams,
    seeds,
    seedFor(purpose: string): number {
      const s = deriveSeed(root, purpose, position.step);
      seeds.set(purpose, s);
      return s;
    },
    sampleTrain(size: number): Batch {
      if (probe === null) throw new Error('no probe batch in this test context');
      const n = Math.min(size, probe.x.shape[0]!);
      return { x: tf.slice(probe.x, 0, n), y: tf.slice(probe.y, 0, n) };
    },
    dataset(): Batch {
      throw new Error('not used');
    },
  };
}
