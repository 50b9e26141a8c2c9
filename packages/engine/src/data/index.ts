/**
 * Data sets: `loadDataset(spec, seed)` turns a DataSpec from the IR into a Dataset (types.ts). Each source lives
 * in its own module (mnist, fashionMnist, idx, cifar10, gaussianMixture, slowlyChangingRegression) and is found
 * through the registry in sources.ts. Datasets are memoised per (spec, seed) — the arms of one seed share one —
 * so treat a Dataset's arrays as read-only.
 */
import type { DataSpec } from '@plas/dsl';
import { DATA_SOURCES } from './sources.ts';
import { DataError } from './types.ts';
import type { Dataset } from './types.ts';

export { DataError, exampleSize } from './types.ts';
export type { Dataset, Split } from './types.ts';
export { DATA_SOURCES } from './sources.ts';
export { parseIdx, loadIdxFolder } from './idx.ts';
export { parseCifar10Batch, loadCifar10Folder } from './cifar10.ts';
export { loadFashionPools, FASHION_SPLIT_SEED } from './fashionMnist.ts';

const MEMO_SIZE = 2;
const memo = new Map<string, Dataset>();

export async function loadDataset(spec: DataSpec, seed: number): Promise<Dataset> {
  if (!Number.isInteger(seed) || seed < 0) throw new DataError(`data seed must be a non-negative integer, got ${seed}`);
  const key = `${JSON.stringify(spec)}#${seed}`;
  const hit = memo.get(key);
  if (hit) {
    memo.delete(key); // keep the most recently used last
    memo.set(key, hit);
    return hit;
  }
  const load = DATA_SOURCES[spec.kind] as (spec: DataSpec, seed: number) => Dataset;
  if (!load) throw new DataError(`unknown data source '${(spec as { kind: string }).kind}'`);
  const dataset = load(spec, seed);
  memo.set(key, dataset);
  while (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  return dataset;
}
