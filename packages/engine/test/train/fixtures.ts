/** Tiny hand-written cells for the training-loop tests, and a count of the tensors made. */
import * as tf from '@tensorflow/tfjs-core';
import type { CellSpec, InterventionSpec, MeasureSpec, SourceSpan, StreamItem } from '@plas/dsl';

export const span = (line: number, column = 1): SourceSpan => ({ file: 'test.plas', line, column, length: 1 });

export function measure(metric: string, cadence: MeasureSpec['cadence'], params: MeasureSpec['params'] = {}): MeasureSpec {
  return { metric, params, key: metric, cadence, span: span(20) };
}

export function phase(name: string, amount: number, unit: 'steps' | 'epochs' | 'examples', data: StreamItem['data'] = [{ kind: 'all' }]): StreamItem {
  return { kind: 'phase', name, data, duration: { kind: 'fixed', amount, unit }, span: span(10) };
}

export function intervention(name: string, params: InterventionSpec['params'], trigger: InterventionSpec['trigger'], line = 30): InterventionSpec {
  return { name, params, trigger, span: span(line, 5) };
}

export function gaussianCell(over: Partial<CellSpec> = {}): CellSpec {
  return {
    experiment: 'test',
    experimentHash: 'x',
    arm: 'a',
    role: 'arm',
    point: {},
    pointLabel: '',
    seed: 1,
    data: { kind: 'gaussian_mixture', classes: 3, dim: 6, separation: 3, train: 120, test: 60 },
    model: { kind: 'mlp', hidden: [8], activation: 'relu', layerNorm: false, init: 'he_uniform' },
    optimizer: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    loss: 'cross_entropy',
    batch: 16,
    stream: [phase('train', 3, 'epochs')],
    interventions: [],
    measure: [measure('online.accuracy', { kind: 'every', n: 4, unit: 'steps' }), measure('test.accuracy', { kind: 'every', n: 1, unit: 'epochs' })],
    hash: 'h',
    ...over,
  };
}

/** Tensor ids count up from 1: the id of a new tensor tells how many were made before it (kernels make tensors). */
export function tensorsMade(): number {
  const probe = tf.scalar(0);
  probe.dispose();
  return probe.id;
}
