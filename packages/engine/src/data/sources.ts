/** The registry of data sources: one entry per DataSpec kind, each a small function over its own module. */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataKind, DataSpec } from '@plas/dsl';
import { CIFAR10_TEST_FILE, CIFAR10_TRAIN_FILES, loadCifar10Folder } from './cifar10.ts';
import { loadFashionPools } from './fashionMnist.ts';
import { gaussianMixture } from './gaussianMixture.ts';
import { loadIdxFolder } from './idx.ts';
import { mnistPools } from './mnist.ts';
import { imageDataset } from './pools.ts';
import type { ImagePools } from './pools.ts';
import { slowlyChangingRegression } from './slowlyChangingRegression.ts';
import type { Dataset } from './types.ts';

type Loader<K extends DataKind> = (spec: Extract<DataSpec, { kind: K }>, seed: number) => Dataset;

/** Pools of user folders, memoised by path and the files' modification times. */
const folderPools = new Map<string, ImagePools>();

function folderStamp(folder: string, files: string[]): string {
  return files
    .map((f) => {
      try {
        const s = statSync(join(folder, f));
        return `${f}:${s.size}:${s.mtimeMs}`;
      } catch {
        return `${f}:-`;
      }
    })
    .join('|');
}

function memoFolder(folder: string, files: string[], load: (folder: string) => ImagePools): ImagePools {
  const key = `${folder}#${folderStamp(folder, files)}`;
  let pools = folderPools.get(key);
  if (!pools) {
    pools = load(folder);
    folderPools.set(key, pools);
  }
  return pools;
}

const IDX_FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']
  .flatMap((f) => [f, `${f}.gz`]);

export const DATA_SOURCES: { [K in DataKind]: Loader<K> } = {
  mnist: (spec, seed) => imageDataset('mnist', mnistPools(), spec, seed),
  fashion_mnist: (spec, seed) => imageDataset('fashion_mnist', loadFashionPools().pools, spec, seed),
  idx: (spec, seed) => {
    const folder = resolve(spec.path);
    return imageDataset(`idx:${spec.path}`, memoFolder(folder, IDX_FILES, loadIdxFolder), spec, seed);
  },
  // KMNIST ships its IDX files under MNIST's names; loadDataset checks the declared 28×28×1 and 10 classes
  kmnist: (spec, seed) => imageDataset(`kmnist:${spec.path}`, memoFolder(resolve(spec.path), IDX_FILES, loadIdxFolder), spec, seed),
  cifar10: (spec, seed) => {
    const folder = resolve(spec.path);
    const files = [...CIFAR10_TRAIN_FILES, CIFAR10_TEST_FILE];
    return imageDataset(`cifar10:${spec.path}`, memoFolder(folder, files, loadCifar10Folder), spec, seed);
  },
  gaussian_mixture: gaussianMixture,
  slowly_changing_regression: slowlyChangingRegression,
};
