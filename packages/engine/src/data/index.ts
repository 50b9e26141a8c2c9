/**
 * Data sets: `loadDataset(spec, seed)` turns a DataSpec from the IR into a Dataset (see types.ts).
 * Each source lives in its own module and is found through the registry in `sources.ts`.
 */
import type { DataSpec } from '@plas/dsl';
import type { Dataset } from './types.ts';

export { DataError, exampleSize } from './types.ts';
export type { Dataset, Split } from './types.ts';

export async function loadDataset(spec: DataSpec, seed: number): Promise<Dataset> {
  void spec;
  void seed;
  throw new Error('loadDataset: not implemented yet');
}
