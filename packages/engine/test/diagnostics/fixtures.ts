/**
 * Hand-built models and run contexts for the diagnostic tests: dense networks from explicit weights, so that
 * every expected value can be worked out on paper.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { LossKind } from '@plas/dsl';
import type { Batch, LayerInfo, Model, RunContext } from '../../src/core/contracts.ts';
import { deriveSeed } from '../../src/core/seed.ts';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export interface DenseLayer {
  /** [fanIn][units] */
  w: number[][];
  b: number[];
}

/** A dense network: every layer but the last is followed by `activation`; the last is the head (no activation). */
export function denseModel(layers: DenseLayer[], activation: 'relu' | 'tanh' | 'linear' = 'relu'): Model {
  const params = new Map<string, tf.Variable>();
  const infos: LayerInfo[] = layers.map((layer, index) => {
    const isHead = index === layers.length - 1;
    const name = isHead ? 'head' : `dense${index}`;
    const fanIn = layer.w.length;
    const units = layer.b.length;
    params.set(`${name}.w`, tf.variable(tf.tensor2d(layer.w, [fanIn, units]), true, `${name}.w#${uid++}`));
    params.set(`${name}.b`, tf.variable(tf.tensor1d(layer.b), true, `${name}.b#${uid++}`));
    return {
      name,
      index,
      kind: 'dense',
      weight: `${name}.w`,
      bias: `${name}.b`,
      norm: null,
      units,
      fanIn,
      isHead,
      activationWidthFactor: 1,
    };
  });
  const last = layers[layers.length - 1]!;
  return {
    spec: {
      kind: 'mlp',
      hidden: infos.filter((l) => !l.isHead).map((l) => l.units),
      activation,
      layerNorm: false,
      init: 'he_uniform',
    },
    inputShape: [layers[0]!.w.length],
    outputs: last.b.length,
    layers: infos,
    params,
    forward(x: tf.Tensor) {
      const hidden: tf.Tensor[] = [];
      let h = x as tf.Tensor2D;
      for (const info of infos) {
        const z = tf.add(tf.matMul(h, params.get(info.weight)!), params.get(info.bias)!) as tf.Tensor2D;
        if (info.isHead) return { output: z, hidden };
        h = activation === 'relu' ? tf.relu(z) : activation === 'tanh' ? tf.tanh(z) : z;
        hidden.push(h);
      }
      throw new Error('unreachable');
    },
    freshParams() {
      throw new Error('not used in these tests');
    },
    dispose() {
      for (const p of params.values()) p.dispose();
    },
  };
}
let uid = 0;

export interface Split {
  x: number[][];
  /** class indices (cross-entropy) or targets [n][outputs] (squared error) */
  y: number[] | number[][];
}

/** A run context over fixed data: `dataset(name)` and `sampleTrain` hand out fresh tensors of the first rows. */
export function makeContext(
  model: Model,
  loss: LossKind,
  splits: { train: Split; test?: Split; [phase: string]: Split | undefined },
): RunContext {
  const toBatch = (split: Split, maxSize: number): Batch => {
    const n = Math.min(maxSize, split.x.length);
    const x = tf.tensor2d(split.x.slice(0, n));
    const rows = split.y.slice(0, n);
    const y =
      loss === 'cross_entropy' ? tf.tensor1d(rows as number[], 'int32') : tf.tensor2d(rows as number[][]);
    return { x, y };
  };
  return {
    model,
    optimizer: null as never,
    loss,
    position: { step: 0, epoch: 0, examples: 0, phase: 'train', task: 0 },
    initialParams: new Map([...model.params].map(([name, p]) => [name, tf.clone(p)])),
    seedFor: (purpose) => deriveSeed(7, purpose),
    sampleTrain: (size) => toBatch(splits.train, size),
    dataset: (name, maxSize) => {
      const split = splits[name];
      if (split === undefined) throw new Error(`no data set '${name}'`);
      return toBatch(split, maxSize);
    },
  };
}

/** Tensors alive now; compare before and after a call to catch leaks. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
