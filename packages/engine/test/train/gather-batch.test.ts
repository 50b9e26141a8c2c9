/**
 * gatherBatch: a training batch gathered straight into the x tensor's memory on the wasm heap is the batch
 * toBatch(gather(indices)) makes, on wasm and (through the host-array path) on cpu, for labels, one-hot targets and
 * regression targets; it reuses its host arrays and frees the tensor when gathering fails.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '@plas/dsl';
import { selectBackend } from '../../src/backend/select.ts';
import { loadDataset } from '../../src/data/index.ts';
import type { Dataset } from '../../src/data/index.ts';
import { makeTaskView } from '../../src/streams/index.ts';
import { gatherBatch, toBatch } from '../../src/train/batches.ts';
import { phase } from './fixtures.ts';

afterAll(async () => {
  await selectBackend('wasm');
});

const datasets: Record<string, () => Promise<Dataset>> = {
  classes: () => loadDataset({ kind: 'gaussian_mixture', classes: 3, dim: 5, separation: 2, train: 60, test: 10 }, 2),
  regression: () =>
    loadDataset({ kind: 'slowly_changing_regression', flippingBits: 4, randomBits: 3, flipEvery: 50, targetHidden: 5, flip: 'one', bias: 'input', threshold: 'exact', train: 60, test: 10 }, 2),
};
const cases: { backend: 'wasm' | 'cpu'; data: string; loss: LossKind }[] = [];
for (const backend of ['wasm', 'cpu'] as const) {
  cases.push({ backend, data: 'classes', loss: 'cross_entropy' }, { backend, data: 'classes', loss: 'squared_error' }, { backend, data: 'regression', loss: 'squared_error' });
}

const values = (b: { x: tf.Tensor; y: tf.Tensor }) => ({ x: Array.from(b.x.dataSync()), xShape: b.x.shape, y: Array.from(b.y.dataSync()), yShape: b.y.shape, yType: b.y.dtype });

describe('gatherBatch', () => {
  it.each(cases)('on $backend equals toBatch(gather(indices)) for $data under $loss, batch after batch', async ({ backend, data, loss }) => {
    await selectBackend(backend);
    const ds = await datasets[data]!();
    const view = makeTaskView(ds, phase('a', 1, 'epochs'), 0, 3);
    const before = tf.memory().numTensors;
    let reuse: Parameters<typeof gatherBatch>[4];
    const ys = new Set<unknown>();
    for (const indices of [[5, 0, 59, 5], [1, 2, 3, 4], [7, 8], [9, 10]]) {
      const got = gatherBatch(view.gather, indices, ds, loss, reuse);
      reuse = got.reuse;
      ys.add(reuse.y);
      const want = toBatch(view.gather(indices), ds, loss);
      expect(values(got.batch)).toEqual(values(want));
      tf.dispose([got.batch.x, got.batch.y, want.x, want.y]);
    }
    expect(ys.size).toBe(2); // one target array per batch size
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees the tensor it was filling when gathering fails, and says why', async () => {
    await selectBackend('wasm');
    const ds = await datasets['classes']!();
    const view = makeTaskView(ds, phase('a', 1, 'epochs'), 0, 3);
    const before = tf.memory().numTensors;
    expect(() => gatherBatch(view.gather, [1, 60], ds, 'cross_entropy')).toThrow(/index 60 is outside the pool of 60 examples/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
