/** Sharding: `K/N` parsing, and a partition that puts every cell in exactly one shard, balanced by cost. */
import { compileSource, expandCells } from '@plas/dsl';
import { describe, expect, it } from 'vitest';
import { cellCosts, parseShard, partitionCells, shardCells, ShardError } from '../../src/store/index.ts';

const SOURCE = `experiment sweep {
  data gaussian_mixture(train: 400, test: 20)
  model mlp(hidden: [4])
  optimizer adam(lr: 1e-3)
  seeds 5
  stream { phase p: train on all for 4 epochs }
  baseline fresh
  arm other: at p: reset optimizer
  measure every 1 epoch: test.accuracy
  sweep grid (batch: [8, 64])
}`;

describe('parseShard', () => {
  it('reads K/N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });
  it.each([
    ['3/2', /K must be between 1 and 2/],
    ['0/0', /N must be at least 1/],
    ['0/3', /K must be between 1 and 3/],
    ['a/b', /K\/N with whole numbers/],
    ['2', /K\/N with whole numbers/],
  ])('refuses %s', (text, message) => {
    expect(() => parseShard(text)).toThrow(ShardError);
    expect(() => parseShard(text)).toThrow(message);
  });
});

describe('partitionCells', () => {
  const { ir } = compileSource(SOURCE, 'sweep.plas');
  if (ir === null) throw new Error('fixture does not compile');
  const cells = expandCells(ir);
  const costs = cellCosts(ir, cells);

  it('puts every cell in exactly one shard', () => {
    for (const n of [1, 2, 3, 7, 40]) {
      const seen = new Map<string, number>();
      for (let k = 1; k <= n; k++) for (const c of shardCells(ir, cells, { index: k, count: n })) seen.set(c.hash, (seen.get(c.hash) ?? 0) + 1);
      expect(seen.size).toBe(cells.length);
      expect([...seen.values()].every((v) => v === 1)).toBe(true);
    }
  });

  it('balances estimated steps, not cell counts (batch 8 cells cost 8x batch 64 cells)', () => {
    expect(new Set(costs.values()).size).toBe(2);
    const shardOf = partitionCells(cells, costs, 3);
    const load = [0, 0, 0];
    for (const c of cells) load[shardOf.get(c.hash)! - 1]! += costs.get(c.hash)!;
    const total = load.reduce((a, b) => a + b, 0);
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(Math.max(...costs.values()));
    expect(Math.max(...load)).toBeLessThan(total / 2);
  });

  it('does not depend on the order of the cells (every array task computes the same partition)', () => {
    const a = partitionCells(cells, costs, 4);
    const b = partitionCells([...cells].reverse(), costs, 4);
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
  });
});

describe('a cell shared by every point', () => {
  it('costs what a point of the sweep costs, not one step', () => {
    const shared = SOURCE.replace('arm other: at p: reset optimizer', 'arm other: at p: shrink_perturb(shrink: 0.4, perturb: 0.1)').replace(
      'sweep grid (batch: [8, 64])',
      'sweep grid (other.shrink: [0.2, 0.6])',
    );
    const r = compileSource(shared, 'shared.plas');
    expect(r.diagnostics).toEqual([]);
    const cells = expandCells(r.ir!);
    const fresh = cells.filter((c) => c.arm === 'fresh');
    expect(fresh.map((c) => c.pointLabel)).toEqual(Array(5).fill('default'));
    const costs = cellCosts(r.ir!, cells);
    const other = cells.find((c) => c.arm === 'other')!;
    expect(costs.get(fresh[0]!.hash)).toBe(costs.get(other.hash));
    expect(costs.get(other.hash)).toBe(4 * Math.ceil(400 / r.ir!.batch));
  });
});
