import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, loadCifar10Folder, loadDataset, parseCifar10Batch } from '../../src/data/index.ts';
import { cifarRecord, tempDir, writeCifarSet } from './files.ts';

describe('CIFAR-10 binary batches', () => {
  it('converts CHW records to HWC', () => {
    const pool = parseCifar10Batch(Buffer.concat([cifarRecord(4), cifarRecord(9)]), 'b.bin');
    expect(pool.n).toBe(2);
    expect(Array.from(pool.labels)).toEqual([4, 9]);
    // pixel p = 5 (row 0, col 5), channel c: (label + 15 + c); HWC index = 5 * 3 + c
    expect([pool.pixels[15], pool.pixels[16], pool.pixels[17]]).toEqual([19, 20, 21]);
    // second image, pixel 1023 channel 2: (9 + 3069 + 2) mod 256
    expect(pool.pixels[3072 + 1023 * 3 + 2]).toBe((9 + 3069 + 2) % 256);
  });

  it('loads a folder as a Dataset', async () => {
    const dir = tempDir('cifar');
    writeCifarSet(dir, 2);
    const pools = loadCifar10Folder(dir);
    expect(pools.train.n).toBe(10);
    expect(pools.test.n).toBe(2);
    const ds = await loadDataset({ kind: 'cifar10', path: dir, train: 10, test: 2 }, 0);
    expect(ds.inputShape).toEqual([32, 32, 3]);
    expect(ds.outputs).toBe(10);
    expect(Array.from(ds.test.y)).toEqual([7, 3]);
    expect(ds.test.x[1]).toBeCloseTo(8 / 255, 6);
    expect(ds.train.x.length).toBe(10 * 3072);
  });

  it('rejects truncated files, bad labels and missing batches, naming the file', () => {
    expect(() => parseCifar10Batch(cifarRecord(1).subarray(0, 3000), 'x.bin')).toThrow(
      /x\.bin: truncated or corrupt: 3000 bytes is not a whole number of 3073-byte/,
    );
    expect(() => parseCifar10Batch(Buffer.concat([cifarRecord(1), cifarRecord(12)]), 'y.bin')).toThrow(
      /y\.bin: corrupt: record 1 has label 12/,
    );
    expect(() => parseCifar10Batch(new Uint8Array(0), 'z.bin')).toThrow(DataError);
    const dir = tempDir('cifarbad');
    writeCifarSet(dir, 1);
    writeFileSync(join(dir, 'data_batch_3.bin'), cifarRecord(1).subarray(0, 100));
    expect(() => loadCifar10Folder(dir)).toThrow(/data_batch_3\.bin: truncated/);
    const partial = tempDir('cifarmissing');
    writeFileSync(join(partial, 'data_batch_1.bin'), cifarRecord(1));
    expect(() => loadCifar10Folder(partial)).toThrow(/data_batch_2\.bin: missing/);
  });
});
