/**
 * `plas run --shard K/N`: bad values are refused before anything runs; the shards of an experiment are disjoint,
 * cover every cell, and together equal one whole run bit for bit; --force, --workers and --quick apply per shard.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cellFiles, cellRecords, fixture, plas, tempDir } from './helpers.ts';

interface RunJson {
  shard: { index: number; count: number } | null;
  experiment: { profile: string };
  cells: { total: number; cached: number; ran: number };
  report: unknown;
}

describe('plas run --shard', () => {
  it.each([
    ['3/2', 'K must be between 1 and 2'],
    ['0/0', 'N must be at least 1'],
    ['0/3', 'shards are numbered from 1'],
    ['a/b', 'takes K/N with whole numbers'],
  ])('refuses --shard %s before anything runs', async (value, message) => {
    const store = join(tempDir('shard-bad'), 'store');
    const result = await plas(['run', fixture('tiny-warm-start.plas'), '--shard', value, '--store', store]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`plas run: --shard`);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(store)).toBe(false);
  });

  it('splits the cells into disjoint shards that together equal one whole run; --force reruns one shard only', async () => {
    const file = fixture('tiny-warm-start.plas');
    const store = tempDir('shards');
    const owned: string[][] = [];
    for (const [k, workers] of [[1, '1'], [2, '2'], [3, '1']] as const) {
      const before = new Set(cellFiles(store).keys());
      const result = await plas(['run', file, '--shard', `${k}/3`, '--store', store, '--workers', workers, '--json']);
      expect(result.code, result.stderr).toBe(0);
      const doc = JSON.parse(result.stdout) as RunJson;
      expect(doc.shard).toEqual({ index: k, count: 3 });
      expect(doc.report).toBeNull(); // a shard writes no report: it holds only part of the cells
      expect(doc.cells.ran).toBe(3); // 9 cells of equal cost: 3 per shard
      owned.push([...cellFiles(store).keys()].filter((hash) => !before.has(hash)));
    }
    expect(owned.flat().sort()).toEqual([...cellFiles(store).keys()].sort());
    expect(new Set(owned.flat()).size).toBe(9);

    const whole = tempDir('shards-whole');
    expect((await plas(['run', file, '--store', whole, '--workers', '2', '--no-report'])).code).toBe(0);
    const series = (dir: string) => new Map(cellRecords(dir).map((r) => [r.cell.hash, JSON.stringify(r.series)]));
    expect(series(store)).toEqual(series(whole));

    // --force with a shard recomputes that shard's cells and leaves the other shards' files alone.
    const beforeForce = cellFiles(store);
    const forced = await plas(['run', file, '--shard', '2/3', '--force', '--store', store, '--json']);
    expect(forced.code).toBe(0);
    expect((JSON.parse(forced.stdout) as RunJson).cells.ran).toBe(3);
    const afterForce = cellFiles(store);
    for (const hash of [...owned[0]!, ...owned[2]!]) expect(afterForce.get(hash)).toBe(beforeForce.get(hash));
    for (const hash of owned[1]!) expect(afterForce.get(hash)).not.toBe(beforeForce.get(hash)); // rewritten (new timings)
    expect(series(store)).toEqual(series(whole));
  });

  it('applies to the quick profile', async () => {
    const store = tempDir('shard-quick');
    const result = await plas(['run', join(ROOT, 'examples', 'warm-start.plas'), '--quick', '--shard', '2/6', '--store', store, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout) as RunJson;
    expect(doc.experiment.profile).toBe('quick');
    expect(doc.cells).toMatchObject({ total: 1, ran: 1 });
    expect(cellFiles(store).size).toBe(1);
  });
});
