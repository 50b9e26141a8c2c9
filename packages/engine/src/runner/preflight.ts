/**
 * Preflight: before any cell trains, set up (and throw away) one cell per arm and sweep point, so that a value the
 * data or model cannot satisfy (a subset larger than the data, a layer that does not exist) stops the run with its
 * `.plas` location before hours of other cells have run. Seeds do not change what is valid, so one seed suffices.
 */
import type { CellSpec } from '@plas/dsl';
import { setUpRun, disposeRun } from '../train/setup.ts';

export function preflightCells(cells: CellSpec[]): CellSpec[] {
  const seen = new Set<string>();
  return cells.filter((cell) => {
    const key = `${cell.arm}\u0000${cell.pointLabel}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Throws the first cell's CellConfigError, if any. */
export async function preflight(cells: CellSpec[]): Promise<void> {
  for (const cell of preflightCells(cells)) {
    const run = await setUpRun(cell, () => {});
    disposeRun(run);
  }
}
