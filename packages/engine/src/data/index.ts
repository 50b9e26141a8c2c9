/**
 * Data sets: `loadDataset(spec, seed)` turns a DataSpec from the IR into a Dataset (types.ts). Each source lives
 * in its own module (mnist, fashionMnist, idx, cifar10, gaussianMixture, slowlyChangingRegression) and is found
 * through the registry in sources.ts. Datasets are memoised per (spec, seed) — the arms of one seed share one —
 * so treat a Dataset's arrays as read-only.
 */
import { dataShape, dataSourceEntry, resolveParams, type DataSpec } from '@plas/dsl/contract';
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

/**
 * The loaded data must have the shape its catalog entry declares (the shape `plas check`, `plas plan` and the
 * budget assumed): a KMNIST folder holding 32×32 images is refused here, naming what was found.
 */
function checkShape(spec: DataSpec, dataset: Dataset): Dataset {
  const declared = dataShape(spec);
  const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
  if (declared.inputShape !== null && !same(declared.inputShape, dataset.inputShape)) {
    throw new DataError(`${dataset.id}: the examples are [${dataset.inputShape.join(', ')}], but ${spec.kind} data is [${declared.inputShape.join(', ')}]`);
  }
  if (declared.outputs !== null && declared.outputs !== dataset.outputs) {
    throw new DataError(`${dataset.id}: the data has ${dataset.outputs} ${dataset.kind === 'classification' ? 'classes' : 'outputs'}, but ${spec.kind} has ${declared.outputs}`);
  }
  return dataset;
}

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
  const entry = dataSourceEntry(spec.kind);
  if (!load || !entry) throw new DataError(`unknown data source '${(spec as { kind: string }).kind}'`);
  // the catalog's parameters, ranges and words, as plas check applies them (a hand-written spec included)
  const { kind: _kind, ...params } = spec;
  const problem = resolveParams(entry, 'data source', params).problems[0];
  if (problem) throw new DataError(problem.message);
  const dataset = checkShape(spec, load(spec, seed));
  memo.set(key, dataset);
  while (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  return dataset;
}
