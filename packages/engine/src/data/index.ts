/**
 * Data sets: `loadDataset(spec, seed)` turns a DataSpec from the IR into a Dataset (types.ts). Each source lives
 * in its own module (mnist, fashionMnist, idx, cifar10, gaussianMixture, slowlyChangingRegression) and is found
 * through the registry in sources.ts. Datasets are memoised per (spec, seed) — the arms and sweep points of one seed
 * share one, and a worker that runs a file's cells meets each seed again and again — so treat a Dataset's arrays as
 * read-only.
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

/**
 * The memo keeps the most recently used data sets up to memoBytes (always the latest one). A worker meets a file's
 * seeds in turn (cells are dispatched seed-fastest), so the memo of two before reloaded data for almost every cell:
 * 10 seeds of 7,000 Fashion-MNIST images (21 MiB and ~65 ms each) now stay loaded, and so do benchmark 10's five
 * seeds of 1,000,000 examples (80 MiB and 4.8 s each, 30% of a cell) — a worker holds up to ~400 MiB more.
 */
let memoBytes = 512 * 1024 * 1024;
const memo = new Map<string, Dataset>();

const datasetBytes = (d: Dataset): number => d.train.x.byteLength + d.train.y.byteLength + d.test.x.byteLength + d.test.y.byteLength;

/** Sets the memo's byte budget (tests); returns the previous one. */
export function setDatasetMemoBytes(bytes: number): number {
  const was = memoBytes;
  memoBytes = bytes;
  trimMemo();
  return was;
}

/** Drop the least recently used data sets until the rest fit memoBytes (the latest is kept whatever its size). */
function trimMemo(): void {
  let bytes = 0;
  for (const d of memo.values()) bytes += datasetBytes(d);
  for (const [key, d] of memo) {
    if (bytes <= memoBytes || memo.size === 1) break;
    memo.delete(key);
    bytes -= datasetBytes(d);
  }
}

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
  trimMemo();
  return dataset;
}
