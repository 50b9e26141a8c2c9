/**
 * A sweep runs an arm no axis touches as one cell per seed, shared by every point (@plas/dsl sharedArms); its
 * record carries the point of an experiment without a sweep ('default'). For pairing, tables and curves per point,
 * such a record stands at every sweep point: these views repeat it there, under each point's label.
 */
import { sweepPoints, type ExperimentIR } from '@plas/dsl';
import type { CellRecord } from '@plas/engine';
import type { CellSummary } from './types.ts';

/** The sweep's point labels, or null without a sweep (nothing is shared then). */
function sweptPoints(ir: ExperimentIR): { point: CellRecord['cell']['point']; label: string }[] | null {
  if (ir.sweep === null || ir.sweep.axes.length === 0) return null;
  return sweepPoints(ir.sweep);
}

/** Each shared record once per sweep point, in the sweep's order; every other record as it is. */
export function recordsAtEveryPoint(ir: ExperimentIR, records: readonly CellRecord[]): CellRecord[] {
  const points = sweptPoints(ir);
  if (points === null) return [...records];
  return records.flatMap((r) =>
    r.cell.pointLabel === 'default' ? points.map(({ point, label }) => ({ ...r, cell: { ...r.cell, point, pointLabel: label } })) : [r],
  );
}

/** Each shared cell's summary once per sweep point; every other summary as it is. */
export function summariesAtEveryPoint(ir: ExperimentIR, cells: readonly CellSummary[]): CellSummary[] {
  const points = sweptPoints(ir);
  if (points === null) return [...cells];
  return cells.flatMap((c) => (c.point === 'default' ? points.map(({ label }) => ({ ...c, point: label })) : [c]));
}
