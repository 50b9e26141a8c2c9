/**
 * Where the interventions fired, on one metric's curve axis (curves.ts XScale), from the cells' events: one marker
 * per (sweep point, arm, intervention, x), counting the cells (seeds) that fired there. x is the firing's step on a
 * step axis; on a measurement axis, the x of the cell's last measurement at or before that step (a measurement
 * right after the intervention shares it); on a task axis, halfway before the task it fired in (a task's point is
 * measured at its end). Only single firings are marked: an `every_step` intervention (a penalty such as l2 acts on
 * every step) and firings the engine summed per task (an `every N steps` beyond its detailed events) are counted
 * as unmarked instead, so a chart never draws a marker per step.
 */
import type { CellRecord, InterventionEvent } from '@plas/engine';
import type { XScale } from './curves.ts';

export interface EventMarker {
  point: string;
  arm: string;
  intervention: string;
  x: number;
  /** The step of the firing (the earliest over the cells marked at this x) and its phase. */
  step: number;
  phase: string;
  /** Cells (seeds) of the arm that fired here. */
  cells: number;
}

/** Firings not drawn one by one, per point, arm and intervention: why, and how many per cell (mean). */
export interface UnmarkedFirings {
  point: string;
  arm: string;
  intervention: string;
  why: 'every_step' | 'summed';
  firingsPerCell: number;
}

export interface CurveEvents {
  markers: EventMarker[];
  unmarked: UnmarkedFirings[];
}

export interface CellGroup {
  point: string;
  arm: string;
  /** The group's complete cells. */
  cells: readonly CellRecord[];
}

const marked = (e: InterventionEvent): boolean => e.trigger !== 'every_step' && e.firings === 1 && e.fromStep === undefined;

/** The x of a firing on this scale, or null when the axis has no place for it. */
function xOf(e: InterventionEvent, record: CellRecord, key: string, scale: XScale): number | null {
  const points = record.series[key] ?? [];
  if (scale.axis === 'step') return e.step;
  if (scale.axis === 'task') return points.some((p) => p.phase === e.phase) ? e.task - 0.5 : null;
  const xs = scale.of(record);
  let at = -1;
  points.forEach((p, i) => {
    if (p.step <= e.step) at = i;
  });
  return xs[Math.max(0, at)] ?? null;
}

export function curveEvents(groups: readonly CellGroup[], key: string, scale: XScale): CurveEvents {
  const markers: EventMarker[] = [];
  const unmarked: UnmarkedFirings[] = [];
  for (const g of groups) {
    const byMarker = new Map<string, EventMarker & { seen: Set<string> }>();
    const summed = new Map<string, { why: UnmarkedFirings['why']; firings: number; cells: Set<string> }>();
    for (const c of g.cells) {
      for (const e of c.events ?? []) {
        if (!marked(e)) {
          const s = summed.get(e.name) ?? { why: e.trigger === 'every_step' ? 'every_step' : 'summed', firings: 0, cells: new Set<string>() };
          s.firings += e.firings;
          s.cells.add(c.cell.hash);
          summed.set(e.name, s);
          continue;
        }
        const x = xOf(e, c, key, scale);
        if (x === null) continue;
        const id = `${e.name}\u0000${x}`;
        const m = byMarker.get(id) ?? { point: g.point, arm: g.arm, intervention: e.name, x, step: e.step, phase: e.phase, cells: 0, seen: new Set<string>() };
        m.step = Math.min(m.step, e.step);
        m.seen.add(c.cell.hash);
        m.cells = m.seen.size;
        byMarker.set(id, m);
      }
    }
    const sorted = [...byMarker.values()].sort((a, b) => a.x - b.x || (a.intervention < b.intervention ? -1 : a.intervention > b.intervention ? 1 : 0));
    markers.push(...sorted.map(({ seen: _seen, ...m }) => m));
    for (const [intervention, s] of [...summed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      unmarked.push({ point: g.point, arm: g.arm, intervention, why: s.why, firingsPerCell: s.firings / s.cells.size });
    }
  }
  return { markers, unmarked };
}
