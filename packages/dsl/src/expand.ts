/**
 * IR → cells: arms × sweep points × seeds, in that (stable) order; an arm that no sweep axis touches has one cell
 * per seed, shared by every point. Each cell is self-contained and carries its own hash, so the engine and the run
 * store never need the IR again.
 */
import { canonicalJson, hashCell } from './canonical.ts';
import type { CellSpec, DataSpec, ExperimentIR, JsonValue, ModelSpec, SweepSpec } from './ir.ts';

export interface SweepPoint {
  point: Record<string, JsonValue>;
  label: string;
}

/** The sweep's points: the product of the axes (first axis outermost) for grid, the i-th values for zip. */
export function sweepPoints(sweep: SweepSpec | null): SweepPoint[] {
  if (!sweep || sweep.axes.length === 0) return [{ point: {}, label: 'default' }];
  let points: Record<string, JsonValue>[] = [{}];
  if (sweep.kind === 'zip') {
    const n = sweep.axes[0]!.values.length;
    points = Array.from({ length: n }, (_, i) => Object.fromEntries(sweep.axes.map((a) => [a.key, a.values[i]!])));
  } else {
    for (const axis of sweep.axes) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.key]: v })));
  }
  return points.map((point) => ({
    point,
    label: sweep.axes.map((a) => `${a.key}=${labelValue(point[a.key]!)}`).join(','),
  }));
}

function labelValue(v: JsonValue): string {
  return typeof v === 'string' ? v : canonicalJson(v);
}

function setPath(target: Record<string, unknown>, path: (string | number)[], value: JsonValue): void {
  let obj: Record<string | number, unknown> = target;
  for (const key of path.slice(0, -1)) obj = obj[key] as Record<string | number, unknown>;
  obj[path[path.length - 1]!] = structuredClone(value);
}

/** The data and model of every sweep point (a sweep may change the model's widths or the data sizes). */
export function pointSetups(ir: Pick<ExperimentIR, 'sweep' | 'data' | 'model'>): { label: string; data: DataSpec; model: ModelSpec }[] {
  return sweepPoints(ir.sweep).map(({ point, label }) => {
    const base = { data: structuredClone(ir.data), model: structuredClone(ir.model) };
    for (const axis of ir.sweep?.axes ?? []) {
      if (axis.path[0] === 'data' || axis.path[0] === 'model') setPath(base as unknown as Record<string, unknown>, axis.path, point[axis.key]!);
    }
    return { label, ...base };
  });
}

/**
 * Arms no axis of the sweep touches (every axis is another arm's parameter). Such an arm's cell is the same at every
 * point, so it is one cell per seed, shared by every point: hashed with the point and label of an experiment without
 * a sweep ({} and 'default'), it is the very cell the unswept experiment runs.
 */
export function sharedArms(ir: Pick<ExperimentIR, 'arms' | 'sweep'>): Set<string> {
  const axes = ir.sweep?.axes ?? [];
  if (axes.length === 0) return new Set();
  return new Set(ir.arms.filter((arm) => axes.every((axis) => axis.arm !== undefined && axis.arm !== arm.name)).map((arm) => arm.name));
}

/** One arm at one sweep point and one seed, and the cell that stands for it (shared by every point for a shared arm). */
export interface CellSlot {
  arm: string;
  point: Record<string, JsonValue>;
  pointLabel: string;
  seed: number;
  cell: CellSpec;
}

/** Every arm × sweep point × seed, in that (stable) order, each with its cell. */
export function cellSlots(ir: ExperimentIR): CellSlot[] {
  const slots: CellSlot[] = [];
  const points = sweepPoints(ir.sweep);
  const shared = sharedArms(ir);
  for (const arm of ir.arms) {
    const bySeed = new Map<number, CellSpec>();
    for (const { point, label } of points) {
      const base = {
        data: structuredClone(ir.data),
        model: structuredClone(ir.model),
        optimizer: structuredClone(ir.optimizer),
        loss: ir.loss,
        batch: ir.batch,
        interventions: structuredClone(arm.interventions),
      };
      for (const axis of ir.sweep?.axes ?? []) {
        // an arm's parameter (`sp.shrink`) changes that arm's cells only; the others run as declared at every point
        if (axis.arm !== undefined && axis.arm !== arm.name) continue;
        for (const path of [axis.path, ...(axis.alsoPaths ?? [])]) setPath(base as unknown as Record<string, unknown>, path, point[axis.key]!);
      }
      for (const seed of ir.seeds) {
        const isShared = shared.has(arm.name);
        let spec = isShared ? bySeed.get(seed) : undefined;
        if (spec === undefined) {
          const cell: Omit<CellSpec, 'hash'> = {
            experiment: ir.name,
            experimentHash: ir.hash,
            arm: arm.name,
            role: arm.role,
            point: isShared ? {} : structuredClone(point),
            pointLabel: isShared ? 'default' : label,
            seed,
            data: structuredClone(base.data),
            model: structuredClone(base.model),
            optimizer: structuredClone(base.optimizer),
            loss: base.loss,
            batch: base.batch,
            stream: structuredClone(ir.stream),
            interventions: structuredClone(base.interventions),
            measure: structuredClone(ir.measure),
          };
          spec = { ...cell, hash: hashCell(cell) };
          if (isShared) bySeed.set(seed, spec);
        }
        slots.push({ arm: arm.name, point: structuredClone(point), pointLabel: label, seed, cell: spec });
      }
    }
  }
  return slots;
}

/**
 * The cells to train: one per arm × point × seed, except that a shared arm (see sharedArms) has one per seed. In the
 * order of cellSlots, each cell where it first appears.
 */
export function expandCells(ir: ExperimentIR): CellSpec[] {
  const seen = new Set<string>();
  const cells: CellSpec[] = [];
  for (const { cell } of cellSlots(ir)) {
    if (seen.has(cell.hash)) continue;
    seen.add(cell.hash);
    cells.push(cell);
  }
  return cells;
}
