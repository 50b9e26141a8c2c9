/**
 * How the runner groups cells for workers that stack (train/step-gate.ts): cells that differ only in their seed
 * (stack/stackable.ts) go to one worker together, in groups sized so that every worker gets a group when there are
 * fewer kinds of cell than workers (5 seeds of one arm on 2 workers: groups of 3 and 2), and never more than
 * MAX_GROUP cells (a worker holds every cell of its group in memory at once).
 *
 * Only cells whose step is small enough that tfjs's fixed cost per kernel dominates are grouped: measured
 * (docs/performance.md, "Stacking in the runner"), 5 seeds of benchmark 10's 20-5-1 learner at batch 1 (105
 * multiply-accumulates a step) trained 1.3-1.6x faster stacked, while MLPs of ~1.5 M multiply-accumulates a step
 * (784-100-100-10 at batch 16, 784-16-16-10 at batch 128) were as fast or 5-8% slower: their time is in the GEMMs,
 * the evaluations and the data, which stacking does not shrink.
 */
import { dataShape, inferShapes, type CellSpec } from '@plas/dsl/contract';
import { stackKey } from '../stack/stackable.ts';
import { hostStepCovers } from '../train/host-step-scope.ts';

/** The largest group: beyond ~16 a stacked step gains little more per cell (docs/performance.md). */
export const MAX_GROUP = 16;

/** Cells with at most this many multiply-accumulates per training step (forward, one batch) are grouped. */
export const MAX_STACKED_STEP_MACS = 65_536;

/** The cell's stack key when grouping it pays (a small step, see above); null otherwise. */
export function groupingKey(cell: CellSpec): string | null {
  const key = stackKey(cell);
  if (key === null) return null;
  const { inputShape, outputs } = dataShape(cell.data);
  if (inputShape === null || outputs === null) return null;
  try {
    const macs = inferShapes(cell.model, inputShape, outputs).macs;
    // cells the host step takes train faster alone than stacked (train/host-step.ts)
    if (hostStepCovers(cell, macs)) return null;
    return macs * cell.batch <= MAX_STACKED_STEP_MACS ? key : null;
  } catch {
    return null; // a shape error surfaces in the cell's own set-up, with its message
  }
}

export interface StackGroups {
  /** The cell's stack key (null: it always trains alone). */
  keyOf(cell: CellSpec): string | null;
  /** How many cells of this key one worker takes at once. */
  sizeOf(key: string): number;
}

export function planStackGroups(cells: readonly CellSpec[], workers: number): StackGroups {
  const keys = new Map<string, string | null>();
  const counts = new Map<string, number>();
  for (const cell of cells) {
    const key = groupingKey(cell);
    keys.set(cell.hash, key);
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const kinds = [...counts.values()].filter((n) => n > 1).length;
  const groupsPerKind = Math.max(1, Math.ceil(workers / Math.max(1, kinds)));
  // as many groups as workers call for, or as MAX_GROUP forces, of equal size (20 cells: 10 + 10, not 16 + 4)
  const sizes = new Map([...counts].map(([key, n]) => [key, Math.ceil(n / Math.max(groupsPerKind, Math.ceil(n / MAX_GROUP)))]));
  return {
    keyOf: (cell) => (keys.has(cell.hash) ? keys.get(cell.hash)! : groupingKey(cell)),
    sizeOf: (key) => sizes.get(key) ?? 1,
  };
}
