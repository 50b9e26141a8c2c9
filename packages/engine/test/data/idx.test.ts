import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, loadDataset, loadIdxFolder, parseIdx } from '../../src/data/index.ts';
import { idxBytes, tempDir, writeIdxSet } from './files.ts';

describe('parseIdx', () => {
  it('reads dimensions and data', () => {
    const a = parseIdx(idxBytes([2, 1, 3], [1, 2, 3, 4, 5, 6]), 'x', 3);
    expect(a.dims).toEqual([2, 1, 3]);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects a wrong magic number, naming the file', () => {
    const bad = idxBytes([2], [0, 1]);
    bad[2] = 0x0d; // float data
    expect(() => parseIdx(bad, 'labels.idx', 1)).toThrow(/labels\.idx: wrong magic number 00 00 0d 01/);
    expect(() => parseIdx(idxBytes([2], [0, 1]), 'imgs', 3)).toThrow(/imgs: wrong magic number/);
    expect(() => parseIdx(new Uint8Array([0, 0]), 'tiny', 1)).toThrow(DataError);
  });

  it('rejects truncated and over-long data', () => {
    expect(() => parseIdx(idxBytes([3, 2, 2], new Array<number>(11).fill(0)), 'f', 3)).toThrow(
      /f: truncated: dimensions 3x2x2 need 12 data bytes, found 11/,
    );
    expect(() => parseIdx(idxBytes([2], [0, 1, 2]), 'f', 1)).toThrow(/extra data/);
    expect(() => parseIdx(idxBytes([2, 1, 1], []).subarray(0, 10), 'f', 3)).toThrow(/truncated IDX header/);
  });
});

describe('IDX folder', () => {
  it('loads a folder as HWC images scaled to [0, 1]', async () => {
    const dir = tempDir('idx');
    writeIdxSet(dir, { train: 5, test: 3, rows: 2, cols: 3, classes: 4 });
    const pools = loadIdxFolder(dir);
    expect(pools.shape).toEqual([2, 3, 1]);
    expect(pools.classes).toBe(4);
    const ds = await loadDataset({ kind: 'idx', path: dir, train: 5, test: 3 }, 1);
    expect(ds.train.n).toBe(5);
    expect(ds.inputShape).toEqual([2, 3, 1]);
    expect(ds.outputs).toBe(4);
    // image 1, pixel 4 = (10 + 4) / 255; labels 0..4 mod 4
    expect(ds.train.x[6 + 4]).toBeCloseTo(14 / 255, 6);
    expect(Array.from(ds.train.y)).toEqual([0, 1, 2, 3, 0]);
    expect(Array.from(ds.test.y)).toEqual([0, 1, 2]);
  });

  it('reads gzipped files', async () => {
    const dir = tempDir('idxgz');
    writeIdxSet(dir, { train: 4, test: 2, rows: 2, cols: 2, classes: 2, gzip: true });
    const ds = await loadDataset({ kind: 'idx', path: dir, train: 2, test: 2 }, 3);
    expect(ds.train.n).toBe(2);
    expect(ds.test.x[0]).toBeCloseTo(1000 % 256 / 255, 6);
  });

  it('chooses a seeded subset and refuses sizes beyond the files', async () => {
    const dir = tempDir('idxsub');
    writeIdxSet(dir, { train: 20, test: 4, rows: 1, cols: 2, classes: 3 });
    const a = await loadDataset({ kind: 'idx', path: dir, train: 8, test: 4 }, 1);
    const b = await loadDataset({ kind: 'idx', path: dir, train: 8, test: 4 }, 2);
    expect(a.train.x).not.toEqual(b.train.x);
    await expect(loadDataset({ kind: 'idx', path: dir, train: 21, test: 4 }, 1)).rejects.toThrow(
      /train = 21 exceeds the 20 training examples available/,
    );
    await expect(loadDataset({ kind: 'idx', path: dir, train: 2, test: 5 }, 1)).rejects.toThrow(/test = 5 exceeds the 4 test/);
  });

  it('names a missing file, a corrupt gzip, and a label count mismatch', () => {
    const dir = tempDir('idxbad');
    writeIdxSet(dir, { train: 3, test: 2, rows: 1, cols: 1, classes: 2 });
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), idxBytes([3], [0, 1, 0]));
    expect(() => loadIdxFolder(dir)).toThrow(/t10k-labels-idx1-ubyte: holds 3 labels but .*t10k-images-idx3-ubyte holds 2 images/);
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    expect(() => loadIdxFolder(dir)).toThrow(/train-images-idx3-ubyte: corrupt gzip data/);
    const empty = tempDir('idxnone');
    expect(() => loadIdxFolder(empty)).toThrow(/train-images-idx3-ubyte: missing/);
    expect(() => loadIdxFolder(join(empty, 'nope'))).toThrow(/folder not found/);
  });

  it('refuses data files that are links to devices or FIFOs at once, before opening them', () => {
    const dir = tempDir('idxdev');
    writeIdxSet(dir, { train: 3, test: 2, rows: 1, cols: 1, classes: 2 });
    rmSync(join(dir, 'train-images-idx3-ubyte'));
    symlinkSync('/dev/zero', join(dir, 'train-images-idx3-ubyte'));
    expect(() => loadIdxFolder(dir)).toThrow(/train-images-idx3-ubyte: not a regular file \(a folder, FIFO, socket or device\)/);
    rmSync(join(dir, 'train-images-idx3-ubyte'));
    execFileSync('mkfifo', [join(dir, 'train-images-idx3-ubyte')]);
    const started = Date.now();
    expect(() => loadIdxFolder(dir)).toThrow(/not a regular file/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
