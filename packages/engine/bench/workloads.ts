/**
 * The benchmark's workloads and the pieces to run them: a model from the engine's own `createModel`, Adam from
 * `createOptimizer`, the engine's `trainStep`, and seeded synthetic MNIST-shaped data (values do not change the
 * cost of a dense or conv step, so no data set has to be loaded).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '@plas/dsl';
import type { Batch, Model, Optimizer, RunContext } from '../src/core/contracts.ts';
import { deriveSeed, makeRng } from '../src/core/seed.ts';
import { createModel } from '../src/models/index.ts';
import { createOptimizer } from '../src/optim/index.ts';
import { trainStep } from '../src/train/step.ts';

export interface Workload {
  id: string;
  label: string;
  kind: 'mlp' | 'cnn';
  hidden: number[];
  batch: number;
}

export const WORKLOADS: Workload[] = [
  { id: 'mlp100-b16', label: 'MLP 784-100-100-10, batch 16', kind: 'mlp', hidden: [100, 100], batch: 16 },
  { id: 'mlp100-b128', label: 'MLP 784-100-100-10, batch 128', kind: 'mlp', hidden: [100, 100], batch: 128 },
  { id: 'mlp256-b128', label: 'MLP 784-256-256-10, batch 128', kind: 'mlp', hidden: [256, 256], batch: 128 },
  { id: 'cnn-b128', label: 'CNN (Kumar) 28x28x1, batch 128', kind: 'cnn', hidden: [100, 100], batch: 128 },
];

export const INPUT_SHAPE = [28, 28, 1];
export const CLASSES = 10;

export function modelSpec(w: Pick<Workload, 'kind' | 'hidden'>): ModelSpec {
  const common = { hidden: w.hidden, activation: 'relu', layerNorm: false, init: 'he_uniform' } as const;
  return w.kind === 'mlp'
    ? { kind: 'mlp', ...common }
    : { kind: 'cnn', conv: [{ filters: 16, kernel: 5, pool: 2 }, { filters: 16, kernel: 5, pool: 2 }], ...common };
}

/** n seeded examples on the host: pixels uniform in [0, 1), labels uniform over the classes. */
export interface HostExamples {
  x: Float32Array;
  y: Int32Array;
  n: number;
}

export function syntheticExamples(n: number, seed: number): HostExamples {
  const rng = makeRng(seed);
  const size = INPUT_SHAPE.reduce((a, b) => a * b, 1);
  const x = new Float32Array(n * size);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const y = Int32Array.from({ length: n }, () => rng.int(CLASSES));
  return { x, y, n };
}

/** The first min(k, n) examples as fresh tensors, as the engine's data access hands them out. */
export function toBatch(h: HostExamples, k = h.n): Batch {
  const m = Math.min(k, h.n);
  const size = INPUT_SHAPE.reduce((a, b) => a * b, 1);
  return { x: tf.tensor(h.x.subarray(0, m * size), [m, ...INPUT_SHAPE]), y: tf.tensor1d(h.y.subarray(0, m), 'int32') };
}

export interface Trainer {
  model: Model;
  optimizer: Optimizer;
  ctx: RunContext;
  /** One Adam step on the i-th batch of a pool of 8 (cycled). */
  step(i: number): void;
  dispose(): void;
}

/** A model + Adam(lr 1e-3) + a run context over synthetic train/test pools, as the training loop would build. */
export function makeTrainer(w: Pick<Workload, 'kind' | 'hidden' | 'batch'>, pools = { train: 1024, test: 1024 }): Trainer {
  const model = createModel(modelSpec(w), INPUT_SHAPE, CLASSES, 1);
  const optimizer = createOptimizer(
    { kind: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    new Map([...model.params].map(([n, p]) => [n, { shape: p.shape }])),
  );
  const batches = Array.from({ length: 8 }, (_, i) => toBatch(syntheticExamples(w.batch, deriveSeed(1, 'batch', i))));
  const train = syntheticExamples(pools.train, 2);
  const test = syntheticExamples(pools.test, 3);
  const position = { step: 0, epoch: 0, examples: 0, phase: 'train', task: 0 };
  const ctx: RunContext = {
    model,
    optimizer,
    loss: 'cross_entropy',
    position,
    initialParams: new Map([...model.params].map(([n, p]) => [n, tf.clone(p)])),
    seedFor: (purpose) => deriveSeed(1, purpose, position.step),
    sampleTrain: (size) => toBatch(train, size),
    dataset: (name, maxSize) => toBatch(name === 'test' ? test : train, maxSize),
  };
  const parts = { model, optimizer, loss: 'cross_entropy' as const, penalties: [], ctx };
  return {
    model,
    optimizer,
    ctx,
    step(i) {
      trainStep(parts, batches[i % batches.length]!, false);
      position.step++;
    },
    dispose() {
      for (const b of batches) tf.dispose([b.x, b.y]);
      tf.dispose([...ctx.initialParams.values()]);
      optimizer.dispose();
      model.dispose();
    },
  };
}
