/** The "what the interventions did" table, from hand-made events whose sums are known. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CellRecord, InterventionEvent } from '@plas/engine';
import { writeReport } from '../src/index.ts';
import { makeIr, standardCells, writeStore } from './fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'plas-events-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const shrink: InterventionEvent = {
  step: 12,
  phase: 'tune',
  task: 0,
  name: 'shrink_perturb',
  params: { shrink: 0.4, perturb: 0.01 },
  trigger: 'at',
  firings: 1,
  layers: [
    { layer: 'dense_1', units: 3, normBefore: 2, normAfter: 1, changed: 1 },
    { layer: 'dense_2', units: 1, normBefore: 1, normAfter: 0.5, changed: 0.5 },
  ],
};

function withEvents(cell: CellRecord): CellRecord {
  return cell.cell.arm === 'shrink' ? { ...cell, events: [shrink] } : cell;
}

describe('the interventions table', () => {
  it('sums units per cell and per layer, and averages the norm ratio and the changed fraction', async () => {
    const store = join(tmp, 'store');
    writeStore(store, makeIr(), standardCells().map(withEvents));
    const out = join(tmp, 'out');
    const summary = await writeReport({ store, out });
    expect(summary.events).toEqual([
      {
        point: 'default',
        arm: 'shrink',
        intervention: 'shrink_perturb',
        cells: 4,
        firingsPerCell: 1,
        tasksPerCell: 1,
        unitsPerCell: 4,
        unitShares: [
          { layer: 'dense_1', share: 0.75 },
          { layer: 'dense_2', share: 0.25 },
        ],
        normRatio: 0.5,
        changed: 0.75,
      },
    ]);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('## What the interventions did');
    expect(md).toContain('dense_1 75%, dense_2 25%');
  });

  it('is absent when no cell records events', async () => {
    const store = join(tmp, 'plain');
    writeStore(store, makeIr(), standardCells());
    expect((await writeReport({ store, out: join(tmp, 'plain-out') })).events).toEqual([]);
  });
});
