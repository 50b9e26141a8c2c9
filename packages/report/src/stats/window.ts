/**
 * The comparison window of a cell (CompareSpec.window): "mean over the last N <unit> of <phase>".
 *
 * How series points map to the window:
 *   1. Select the points of `phase` (SeriesPoint.phase === phase; a repeat's points carry the repeat's name), or
 *      every point when `phase` is null. Points keep their recorded order.
 *   2. Group them into measurement units: 'evals' → every point is a unit; 'steps' → points with the same `step`;
 *      'epochs' → points with the same (phase, task, epoch); 'tasks' → points with the same (phase, task).
 *   3. Keep the last N units (fewer when the selection holds fewer: `used` < `requested` says so).
 *   4. A unit's value is the mean of its points; the window value is the mean of the unit values.
 * With a cadence that measures once per unit (the usual case, e.g. `measure every 1 epoch` and `last 10 epochs`)
 * this is simply the mean of the last N measurements of the phase.
 *
 * Points marked `afterIntervention` (the measurement right after an intervention fired) are left out.
 * A null value inside the window (the metric could not be computed, e.g. after divergence) makes the whole window
 * null: an average over the remaining points would silently change its meaning. Per-layer values use their
 * 'total' entry; without one the window is null.
 */
import type { CompareWindow } from '@plas/dsl';
import type { SeriesPoint } from '@plas/engine';
import { mean } from './descriptive.ts';

export interface WindowMean {
  value: number | null;
  /** Units actually averaged, and the N asked for. */
  used: number;
  requested: number;
  /** Why `value` is null, or why fewer units than requested were used. */
  note: string | null;
}

/** The scalar of a point value: a number, a per-layer record's 'total', or null. */
export function scalarOf(value: SeriesPoint['value']): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const total = value['total'];
  return typeof total === 'number' && Number.isFinite(total) ? total : null;
}

/** The grouping key of a point for each window unit (`index` is the point's position in the selection). */
const UNIT_KEY: Record<CompareWindow['unit'], (p: SeriesPoint, index: number) => string> = {
  evals: (_, index) => String(index),
  steps: (p) => String(p.step),
  epochs: (p) => `${p.phase}\u0000${p.task}\u0000${p.epoch}`,
  tasks: (p) => `${p.phase}\u0000${p.task}`,
};

/**
 * `end: 'first'` takes the first N units instead of the last (an arm's first window, for trends within an arm:
 * `expect last(A) - first(A) > 0`); everything else is the same.
 */
export function windowMean(points: readonly SeriesPoint[], window: CompareWindow, end: 'last' | 'first' = 'last'): WindowMean {
  const requested = window.count;
  if (!Number.isInteger(requested) || requested < 1) throw new Error(`window count must be a positive integer, got ${requested}`);
  // A measurement taken right after an intervention (same step as the one before it) shows the jump in the curves
  // but is not a unit of training: windows leave it out, so `last 10 epochs` still means ten epochs of training.
  const measured = points.filter((p) => p.afterIntervention !== true);
  const selected = window.phase === null ? measured : measured.filter((p) => p.phase === window.phase);
  const units: SeriesPoint[][] = [];
  let lastKey: string | null = null;
  selected.forEach((p, i) => {
    const key = UNIT_KEY[window.unit](p, i);
    if (key !== lastKey) units.push([]);
    (units[units.length - 1] as SeriesPoint[]).push(p);
    lastKey = key;
  });
  const last = end === 'last' ? units.slice(-requested) : units.slice(0, requested);
  const used = last.length;
  const where = window.phase === null ? 'the run' : `phase '${window.phase}'`;
  if (used === 0) return { value: null, used, requested, note: `no measurements in ${where}` };
  const unitValues: number[] = [];
  for (const unit of last) {
    const values = unit.map((p) => scalarOf(p.value));
    if (values.some((v) => v === null)) {
      const bad = unit[0] as SeriesPoint;
      return { value: null, used, requested, note: `no finite value at step ${bad.step} in the window` };
    }
    unitValues.push(mean(values as number[]));
  }
  const note = used < requested ? `only ${used} of ${requested} ${window.unit} in ${where}` : null;
  return { value: mean(unitValues), used, requested, note };
}
