/**
 * A sweep's shared cells: the arms the λ × σ grid leaves unchanged (fresh, warm) are one record per seed with the
 * point of an unswept experiment ('default'). The report pairs the swept arm at each point with them, exactly as
 * it pairs it with per-point copies of the same records, and lists each trained cell once.
 */
import { describe, expect, it } from 'vitest';
import { analyzeExperiment } from '../src/index.ts';
import { buildTables } from '../src/output/tables.ts';
import { experimentRecord, makeCell } from './fixtures.ts';
import { sweepCells, sweepIr } from './sweep-fixtures.ts';

describe('shared cells of a sweep', () => {
  const ir = sweepIr();
  const perPoint = sweepCells(ir);
  const reset = perPoint.find((c) => c.cell.arm === 'fresh')!.events;
  const shared = [
    ...ir.arms
      .filter((a) => a.name !== 'shrink')
      .flatMap((a) => ir.seeds.map((seed) => ({ ...makeCell(ir, a.name, seed), ...(a.name === 'fresh' ? { events: reset } : {}) }))),
    ...perPoint.filter((c) => c.cell.arm === 'shrink'),
  ];
  const analyze = (cells: typeof perPoint) => analyzeExperiment({ record: experimentRecord(ir, cells.map((c) => c.cell.hash)), cells, missing: [] });

  it('pairs every point with the one shared baseline cell per seed, as with per-point copies', () => {
    const a = analyze(shared);
    const b = analyze(perPoint);
    expect(a.points).toEqual(b.points);
    expect(a.points).toHaveLength(6);
    expect(a.comparisons).toEqual(b.comparisons);
    expect(a.comparisons.every((c) => c.n === 4)).toBe(true);
    expect(a.armStats).toEqual(b.armStats);
    expect(a.sensitivity).toEqual(b.sensitivity);
    expect(a.flags.filter((f) => f.kind === 'missing-cells')).toEqual([]);
    expect(a.curves.map((c) => c.rows.length)).toEqual(b.curves.map((c) => c.rows.length));
  });

  it('lists each trained cell once, the shared ones at every point', () => {
    const a = analyze(shared);
    expect(a.header.cellsExpected).toBe(2 * 4 + 6 * 4);
    expect(a.cells).toHaveLength(32);
    const table = buildTables(a).find((t) => t.name === 'cells')!;
    expect(table.rows.filter((r) => r['point'] === 'every point').map((r) => r['arm'])).toEqual([...Array(4).fill('fresh'), ...Array(4).fill('warm')]);
  });
});
