/**
 * How well each arm fits its training data at the end: per arm and sweep point, the last `train.accuracy`
 * measurement of every complete cell (in the compared phase when the comparison names one), summarised over seeds.
 * Berariu et al. and Ash & Adams read a warm-start gap as a *generalisation* gap only when both arms fit their
 * training data; this table lets a reader tell a generalisation gap from a fit gap (issue 10).
 */
import type { CellRecord } from '@plas/engine';
import { mean } from '../stats/descriptive.ts';
import { scalarOf } from '../stats/window.ts';
import type { ResolvedCompare } from './types.ts';

/** The metric whose last value is the fit. */
export const FIT_METRIC = 'train.accuracy';

export interface FitStats {
  point: string;
  arm: string;
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Where the value was read: the phase the comparison names, or the whole run. */
  phase: string | null;
}

/** The series key that measures plain `train.accuracy`, or null when the experiment does not measure it. */
function fitKey(cells: readonly CellRecord[]): string | null {
  for (const c of cells) {
    const m = c.cell.measure.find((x) => x.metric === FIT_METRIC);
    if (m !== undefined) return m.key;
  }
  return null;
}

/** The last finite value of the key in the phase (or anywhere when phase is null); null when there is none. */
function lastValue(cell: CellRecord, key: string, phase: string | null): number | null {
  const points = (cell.series[key] ?? []).filter((p) => phase === null || p.phase === phase);
  for (let i = points.length - 1; i >= 0; i--) {
    const v = scalarOf(points[i]!.value);
    if (v !== null) return v;
  }
  return null;
}

export function fitStats(
  cells: readonly CellRecord[],
  arms: readonly { name: string }[],
  points: readonly string[],
  compare: ResolvedCompare | null,
): FitStats[] {
  const complete = cells.filter((c) => c.status === 'complete');
  const key = fitKey(complete);
  if (key === null || compare?.metric === key) return [];
  const phase = compare?.window.phase ?? null;
  return points.flatMap((point) =>
    arms.map((arm) => {
      const values = complete
        .filter((c) => c.cell.arm === arm.name && c.cell.pointLabel === point)
        .map((c) => lastValue(c, key, phase))
        .filter((v): v is number => v !== null);
      return {
        point,
        arm: arm.name,
        n: values.length,
        mean: values.length === 0 ? null : mean(values),
        min: values.length === 0 ? null : Math.min(...values),
        max: values.length === 0 ? null : Math.max(...values),
        phase,
      };
    }),
  );
}
