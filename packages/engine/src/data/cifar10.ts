/**
 * CIFAR-10's binary version (https://www.cs.toronto.edu/~kriz/cifar.html): data_batch_1.bin .. data_batch_5.bin
 * (training) and test_batch.bin, each a sequence of 3073-byte records: 1 label byte (0..9) then 3072 pixel bytes,
 * channel-major (1024 red, 1024 green, 1024 blue, each 32×32 row-major). We store pixels HWC like every image here.
 */
import { existsSync } from 'node:fs';
import { readDataFile } from './read-data-file.ts';
import { join } from 'node:path';
import { DataError } from './types.ts';
import type { ImagePool, ImagePools } from './pools.ts';

const SIDE = 32;
const PLANE = SIDE * SIDE;
const RECORD = 1 + 3 * PLANE;
const CLASSES = 10;

export const CIFAR10_TRAIN_FILES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const CIFAR10_TEST_FILE = 'test_batch.bin';

/** Decode one batch file's records into HWC pixels and labels. */
export function parseCifar10Batch(buf: Uint8Array, file: string): ImagePool {
  if (buf.length === 0) throw new DataError(`${file}: empty file (expected 3073-byte CIFAR-10 records)`);
  if (buf.length % RECORD !== 0) {
    throw new DataError(
      `${file}: truncated or corrupt: ${buf.length} bytes is not a whole number of 3073-byte CIFAR-10 records`,
    );
  }
  const n = buf.length / RECORD;
  const pixels = new Uint8Array(n * 3 * PLANE);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * RECORD;
    const label = buf[base]!;
    if (label >= CLASSES) {
      throw new DataError(`${file}: corrupt: record ${i} has label ${label} (CIFAR-10 labels are 0..9)`);
    }
    labels[i] = label;
    const out = i * 3 * PLANE;
    for (let p = 0; p < PLANE; p++) {
      for (let c = 0; c < 3; c++) pixels[out + p * 3 + c] = buf[base + 1 + c * PLANE + p]!;
    }
  }
  return { pixels, labels, n };
}

function readBatch(folder: string, name: string): ImagePool {
  const file = join(folder, name);
  if (!existsSync(file)) throw new DataError(`${file}: missing (a CIFAR-10 folder holds ${[...CIFAR10_TRAIN_FILES, CIFAR10_TEST_FILE].join(', ')})`);
  const buf: Uint8Array = readDataFile(file);
  return parseCifar10Batch(buf, file);
}

function concat(pools: ImagePool[]): ImagePool {
  const n = pools.reduce((a, p) => a + p.n, 0);
  const pixels = new Uint8Array(n * 3 * PLANE);
  const labels = new Uint8Array(n);
  let at = 0;
  for (const p of pools) {
    pixels.set(p.pixels, at * 3 * PLANE);
    labels.set(p.labels, at);
    at += p.n;
  }
  return { pixels, labels, n };
}

export function loadCifar10Folder(folder: string): ImagePools {
  if (!existsSync(folder)) throw new DataError(`${folder}: folder not found (expected CIFAR-10's binary batches)`);
  const train = concat(CIFAR10_TRAIN_FILES.map((name) => readBatch(folder, name)));
  const test = readBatch(folder, CIFAR10_TEST_FILE);
  return { train, test, shape: [SIDE, SIDE, 3], classes: CLASSES, warnings: [] };
}
