/**
 * loadDataset's memo: a data set loaded for a seed is handed out again (the same read-only arrays) while the most
 * recently used sets fit the byte budget; the least recently used go first, and the latest always stays.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset, setDatasetMemoBytes } from '../../src/data/index.ts';
import type { DataSpec } from '@plas/dsl';

const spec: DataSpec = { kind: 'gaussian_mixture', classes: 3, dim: 10, separation: 2, train: 100, test: 50 };
// (100 + 50) × 10 float32 inputs + 150 int32 labels
const BYTES = 150 * 10 * 4 + 150 * 4;
const before = setDatasetMemoBytes(512 * 1024 * 1024);
afterAll(() => setDatasetMemoBytes(before));

describe('the data set memo', () => {
  it('keeps ten seeds of one file loaded, where a memo of two reloaded them', async () => {
    const first = await Promise.all(Array.from({ length: 10 }, (_, seed) => loadDataset(spec, 100 + seed)));
    const again = await Promise.all(Array.from({ length: 10 }, (_, seed) => loadDataset(spec, 100 + seed)));
    again.forEach((d, i) => expect(d).toBe(first[i]));
  });

  it('drops the least recently used sets past its byte budget and keeps the latest whatever its size', async () => {
    setDatasetMemoBytes(3 * BYTES);
    const a = await loadDataset(spec, 200);
    const b = await loadDataset(spec, 201);
    const c = await loadDataset(spec, 202);
    expect(await loadDataset(spec, 200)).toBe(a); // a is now the most recent: b is the oldest
    await loadDataset(spec, 203);
    expect(await loadDataset(spec, 200)).toBe(a);
    expect(await loadDataset(spec, 202)).toBe(c);
    const reloaded = await loadDataset(spec, 201);
    expect(reloaded).not.toBe(b);
    expect(Array.from(reloaded.train.x)).toEqual(Array.from(b.train.x)); // reloaded: the same values
    setDatasetMemoBytes(BYTES - 1);
    const latest = await loadDataset(spec, 204);
    expect(await loadDataset(spec, 204)).toBe(latest);
    expect(await loadDataset(spec, 200)).not.toBe(a);
  });
});
