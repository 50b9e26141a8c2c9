/**
 * Test scaffolding for the interventions: tiny models with hand-set weights, a context that hands out seeded
 * purposes, and the engine's own optimiser with helpers to fill and read its state.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, ModelSpec } from '@plas/dsl';
import { selectBackend } from '../../src/backend/select.ts';
import type { Batch, Model, Optimizer, RunContext } from '../../src/core/contracts.ts';
import { deriveSeed } from '../../src/core/seed.ts';
import { createModel } from '../../src/models/create-model.ts';
import { createOptimizer } from '../../src/optim/index.ts';

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

/** The engine's Adam (PyTorch semantics) over a model's parameters. */
export function adam(model: Model, lr = 1e-3): Optimizer {
  return createOptimizer({ kind: 'adam', lr, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, model.params);
}

/** Set every optimiser slot of every parameter to `value`, so tests can see what was zeroed. */
export function fillState(optimizer: Optimizer, model: Model, value: number): void {
  for (const name of model.params.keys()) {
    for (const t of Object.values(optimizer.slots(name))) tf.tidy(() => t.assign(tf.fill(t.shape, value)));
  }
}

/** Adam's slot values of one parameter. */
export function state(optimizer: Optimizer, name: string): { m: number[]; v: number[] } {
  const { m, v } = optimizer.slots(name);
  if (!m || !v) throw new Error(`no Adam state for ${name}`);
  return { m: values(m), v: values(v) };
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
