/**
 * The final training accuracy table: the last train.accuracy of the compared phase per arm, so a reader can tell a
 * generalisation gap from a fit gap. Values are hand-set per seed, so the expected mean/min/max are known.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MeasureSpec } from '@plas/dsl';
import type { CellRecord } from '@plas/engine';
import { writeReport } from '../src/index.ts';
import { makeIr, standardCells, writeStore } from './fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'plas-fit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const span = { file: 'warm.plas', line: 1, column: 1, length: 1 };
const trainAccuracy: MeasureSpec = { metric: 'train.accuracy', params: {}, key: 'train.accuracy', cadence: { kind: 'phase_end' } as unknown as MeasureSpec['cadence'], span };

/** End-of-phase train accuracy: pretraining 0.9 for everyone; at the end of tune warm fits fully, fresh by seed. */
function withTrainAccuracy(cell: CellRecord): CellRecord {
  const { arm, seed } = cell.cell;
  const tune = arm === 'warm' ? 1 : 0.97 + 0.01 * seed;
  const at = (step: number, phase: string, value: number) => ({ step, epoch: phase === 'pretrain' ? 3 : 5, examples: step * 16, phase, task: 0, value });
  return {
    ...cell,
    cell: { ...cell.cell, measure: [...cell.cell.measure, trainAccuracy] },
    series: { ...cell.series, 'train.accuracy': [at(12, 'pretrain', 0.9), at(32, 'tune', tune)] },
  };
}

describe('the final training accuracy table', () => {
  it('reads the last train.accuracy of the compared phase, per arm over seeds', async () => {
    const ir = makeIr();
    const irWithFit = { ...ir, measure: [...ir.measure, trainAccuracy] };
    const store = join(tmp, 'store');
    writeStore(store, irWithFit, standardCells(ir).map(withTrainAccuracy));
    const out = join(tmp, 'out');
    const summary = await writeReport({ store, out });
    const byArm = Object.fromEntries(summary.fit.map((f) => [f.arm, f]));
    // fresh: 0.97, 0.98, 0.99, 1.00 over seeds 0-3
    expect(byArm['fresh']).toMatchObject({ n: 4, min: 0.97, max: 1, phase: 'tune' });
    expect(byArm['fresh']?.mean).toBeCloseTo(0.985, 12);
    expect(byArm['warm']).toMatchObject({ n: 4, mean: 1, min: 1, max: 1 });
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('### Final training accuracy');
    expect(md).toContain("| fresh | 4 | 0.9850 | 0.9700 | 1 |");
    expect(readFileSync(join(out, 'fit.csv'), 'utf8')).toContain('arm');
  });

  it('is absent when train.accuracy is not measured', async () => {
    const store = join(tmp, 'plain');
    writeStore(store, makeIr(), standardCells());
    const summary = await writeReport({ store, out: join(tmp, 'plain-out') });
    expect(summary.fit).toEqual([]);
  });
});
