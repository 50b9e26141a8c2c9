/**
 * Image pools: a source's full train and test sets as raw bytes (pixels 0..255, HWC), before a run picks its
 * seeded subset. `imageDataset` turns pools into a Dataset: it draws `train` and `test` examples without
 * replacement from the pools (seeded; the chosen rows keep the pools' order, so asking for the whole pool gives
 * the same data for every seed) and scales pixels to [0, 1] float32.
 */
import type { DataSizes } from '@plas/dsl';
import { deriveSeed, makeRng, permutation } from '../core/seed.ts';
import { DataError, exampleSize } from './types.ts';
import type { Dataset, Split } from './types.ts';

export interface ImagePool {
  /** n × prod(shape) bytes, HWC. */
  pixels: Uint8Array;
  labels: Uint8Array;
  n: number;
}

export interface ImagePools {
  train: ImagePool;
  test: ImagePool;
  /** [height, width, channels]. */
  shape: number[];
  classes: number;
  warnings: string[];
}

/** `size` rows of 0..available-1, drawn without replacement from `seed`, in increasing order. */
export function chooseRows(available: number, size: number, seed: number): Int32Array {
  if (size === available) {
    const all = new Int32Array(available);
    for (let i = 0; i < available; i++) all[i] = i;
    return all;
  }
  return permutation(available, makeRng(seed)).slice(0, size).sort();
}

/** Check a requested size against what a source holds. */
export function checkSize(source: string, what: 'train' | 'test', size: number, available: number): void {
  if (!Number.isInteger(size) || size < 0) {
    throw new DataError(`${source}: ${what} size must be a non-negative integer, got ${size}`);
  }
  if (what === 'train' && size === 0) throw new DataError(`${source}: train size must be at least 1`);
  if (size > available) {
    const pool = what === 'train' ? 'training' : 'test';
    throw new DataError(`${source}: ${what} = ${size} exceeds the ${available} ${pool} examples available`);
  }
}

function pick(pool: ImagePool, rows: Int32Array, size: number): Split {
  const x = new Float32Array(rows.length * size);
  const y = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const src = pool.pixels.subarray(r * size, (r + 1) * size);
    const o = i * size;
    for (let j = 0; j < size; j++) x[o + j] = src[j]! / 255;
    y[i] = pool.labels[r]!;
  }
  return { x, y, n: rows.length };
}

export function imageDataset(source: string, pools: ImagePools, sizes: DataSizes, seed: number): Dataset {
  checkSize(source, 'train', sizes.train, pools.train.n);
  checkSize(source, 'test', sizes.test, pools.test.n);
  const size = exampleSize(pools.shape);
  const trainRows = chooseRows(pools.train.n, sizes.train, deriveSeed(seed, 'data', source, 'train'));
  const testRows = chooseRows(pools.test.n, sizes.test, deriveSeed(seed, 'data', source, 'test'));
  return {
    id: `${source}(train=${sizes.train},test=${sizes.test},seed=${seed})`,
    inputShape: [...pools.shape],
    outputs: pools.classes,
    kind: 'classification',
    ordered: false,
    train: pick(pools.train, trainRows, size),
    test: pick(pools.test, testRows, size),
    warnings: [...pools.warnings],
  };
}
