import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/backend/select.ts';
import { loadDataset } from '../../src/data/index.ts';
import type { Dataset } from '../../src/data/index.ts';
import { makeTaskView } from '../../src/streams/index.ts';
import { DataAccess } from '../../src/train/data-access.ts';
import { toBatch } from '../../src/train/batches.ts';
import { phase } from './fixtures.ts';

let data: Dataset;
beforeAll(async () => {
  await selectBackend('cpu');
  data = await loadDataset({ kind: 'gaussian_mixture', classes: 3, dim: 4, separation: 3, train: 50, test: 20 }, 1);
});

const pos = (step: number) => ({ step, epoch: 0, examples: 0, phase: 'a', task: 0 });
const rows = (b: { x: tf.Tensor; y: tf.Tensor }): number[][] => {
  const out = b.x.arraySync() as number[][];
  tf.dispose([b.x, b.y]);
  return out;
};

describe('DataAccess (RunContext.sampleTrain / dataset)', () => {
  it('hands out seeded samples and subsets, fresh tensors each call', () => {
    const stream = [phase('a', 1, 'epochs', [{ kind: 'subset', fraction: 0.5 }]), phase('b', 1, 'epochs')];
    const access = new DataAccess(data, stream, 'cross_entropy', 7);
    access.setTask(makeTaskView(data, stream[0]!, 0, 7));
    const s1 = rows(access.sampleTrain(5, pos(3)));
    expect(s1).toHaveLength(5);
    expect(rows(access.sampleTrain(5, pos(3)))).toEqual(s1); // same position, same sample
    expect(rows(access.sampleTrain(5, pos(4)))).not.toEqual(s1);
    expect(rows(access.sampleTrain(500, pos(3)))).toHaveLength(25); // capped at the pool
    expect(rows(access.dataset('train', 1e9))).toHaveLength(25);
    expect(rows(access.dataset('test', 1e9))).toHaveLength(20);
    expect(rows(access.dataset('b', 1e9))).toHaveLength(50); // another phase's pool
    const sub = rows(access.dataset('test', 8));
    expect(sub).toHaveLength(8);
    expect(rows(access.dataset('test', 8))).toEqual(sub);
    expect(() => access.dataset('c', 10)).toThrow(/unknown data set 'c' \(known: train, test, a, b\)/);
  });

  it('builds batches in the shapes the loss expects', () => {
    const g = { x: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]), y: new Int32Array([2, 0]) };
    const ce = toBatch(g, data, 'cross_entropy');
    expect([ce.x.shape, ce.y.shape, ce.y.dtype]).toEqual([[2, 4], [2], 'int32']);
    const se = toBatch(g, data, 'squared_error');
    expect(se.y.arraySync()).toEqual([[0, 0, 1], [1, 0, 0]]); // one-hot targets
    tf.dispose([ce.x, ce.y, se.x, se.y]);
  });
});
