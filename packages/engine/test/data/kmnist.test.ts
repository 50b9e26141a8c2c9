/**
 * KMNIST from a user folder: its IDX files (under MNIST's names, gzipped as distributed), read with the declared
 * shape 28×28×1 and 10 classes; a folder holding anything else is refused, naming what was found.
 */
import { describe, expect, it } from 'vitest';
import { compileSource } from '@plas/dsl';
import { DataError, loadDataset } from '../../src/data/index.ts';
import { tempDir, writeIdxSet } from './files.ts';

describe('kmnist', () => {
  it('loads a folder of KMNIST-format IDX files as 28×28×1 images of 10 classes', async () => {
    const dir = tempDir('kmnist');
    writeIdxSet(dir, { train: 30, test: 12, rows: 28, cols: 28, classes: 10, gzip: true });
    const ds = await loadDataset({ kind: 'kmnist', path: dir, train: 20, test: 12 }, 3);
    expect(ds.id).toMatch(/^kmnist:/);
    expect(ds.inputShape).toEqual([28, 28, 1]);
    expect(ds.outputs).toBe(10);
    expect(ds.train.n).toBe(20);
    expect(ds.test.n).toBe(12);
    expect(Math.max(...ds.train.x)).toBeLessThanOrEqual(1);
  });

  it('refuses a folder whose images are not 28×28', async () => {
    const dir = tempDir('kmnist-bad');
    writeIdxSet(dir, { train: 5, test: 3, rows: 2, cols: 3, classes: 10 });
    await expect(loadDataset({ kind: 'kmnist', path: dir, train: 5, test: 3 }, 1)).rejects.toThrow(DataError);
    await expect(loadDataset({ kind: 'kmnist', path: dir, train: 5, test: 3 }, 1)).rejects.toThrow(/the examples are \[2, 3, 1\], but kmnist data is \[28, 28, 1\]/);
  });

  it('is written `data kmnist("dir")`, its path relative to the .plas file, and plas check knows its shape', () => {
    const r = compileSource(
      `experiment k {
  data kmnist("../data/kmnist", train: 5000)
  model mlp(hidden: [16])
  optimizer adam(lr: 1e-3)
  stream { phase a: train on classes([0, 1, 12]) for 1 epochs }
  baseline b: at a: reset all
}`,
      '/home/me/study/k.plas',
    );
    expect(r.ir).toBeNull();
    expect(r.diagnostics.map((d) => d.message)).toContain('class 12 does not exist: the data has classes 0..9');
  });
});
