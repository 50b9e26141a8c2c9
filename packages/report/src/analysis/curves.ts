/**
 * Learning curves over seeds: at every x, the mean and band (bandOf: the 95% t-interval from 3 seeds, min–max for
 * 2) of the seeds that have a finite value there; and the paired difference to the baseline over time (arm -
 * baseline per seed at the same x). Each row says which stretch of line it belongs to (curve-breaks.ts: phases,
 * tasks and interventions break the line), and a measurement taken right after an intervention at the same step
 * is a second row at the same x (seq 1), in a new stretch.
 *
 * x is the task index when the series is one repeat measured once per task (e.g. `measure every task` over
 * `repeat 100 tasks`); else the training step (SeriesPoint.step, counted over the whole stream) when every seed of
 * an arm was measured at the same steps. Otherwise (e.g. an `until` phase stops seeds at different steps) x is the measurement index
 * aligned at phase starts: the series is cut into segments (phase, task), each segment gets the length of its
 * longest seed, and a point's x is its segment's offset plus its index within the segment; so the k-th
 * measurement of a phase is averaged with the k-th of every other seed (a measurement right after an
 * intervention, at the step of the one before it, takes that one's x, or the phase boundary's when it opens a
 * phase or task). Only complete cells contribute: diverged
 * and failed cells are flagged in the report instead of bending the mean.
 */
import type { CellRecord, SeriesPoint } from '@plas/engine';
import { mean } from '../stats/descriptive.ts';
import { tInterval } from '../stats/t-interval.ts';
import { scalarOf } from '../stats/window.ts';
import { breaksOf } from './curve-breaks.ts';
import type { CurveRow, PhaseStart, XAxis } from './types.ts';

/** A per-layer value without 'total' is drawn one line per layer. */
export function isLayered(points: readonly SeriesPoint[]): boolean {
  return points.some((p) => p.value !== null && typeof p.value === 'object' && !('total' in p.value));
}

function stepsOf(record: CellRecord, key: string): string {
  return JSON.stringify((record.series[key] ?? []).map((p) => p.step));
}

/** 'step' when, within every group of cells (one arm at one point), all cells share the same measurement steps. */
export function chooseXAxis(groups: readonly (readonly CellRecord[])[], key: string): XAxis {
  for (const group of groups) {
    const first = group[0];
    if (first === undefined) continue;
    const steps = stepsOf(first, key);
    if (group.some((c) => stepsOf(c, key) !== steps)) return 'measurement';
  }
  return 'step';
}

/** How a cell's measurements map to x, and where phases begin on that axis. */
export interface XScale {
  axis: XAxis;
  of: (record: CellRecord) => number[];
  phaseStarts: PhaseStart[];
}

const segmentOf = (p: SeriesPoint): string => `${p.phase}\u0000${p.task}`;

/** Measured at the step of the point before it: the measurement right after an intervention. */
function sameStepAsPrevious(points: readonly SeriesPoint[], i: number): boolean {
  return i > 0 && points[i]?.step === points[i - 1]?.step;
}

/** One phase name and one point per task in every cell: a per-task series. */
function perTask(cells: readonly CellRecord[], key: string): boolean {
  const phases = new Set<string>();
  let any = false;
  for (const c of cells) {
    const points = c.series[key] ?? [];
    const tasks = new Set(points.map((p) => p.task));
    if (tasks.size !== points.length) return false;
    for (const p of points) phases.add(p.phase);
    any ||= points.length > 1;
  }
  return any && phases.size === 1;
}

export function buildXScale(groups: readonly (readonly CellRecord[])[], key: string): XScale {
  const cells = groups.flat();
  if (perTask(cells, key)) return { axis: 'task', of: (r) => (r.series[key] ?? []).map((p) => p.task), phaseStarts: [] };
  if (chooseXAxis(groups, key) === 'step') {
    const first = cells.find((c) => (c.series[key] ?? []).length > 0);
    return { axis: 'step', of: (r) => (r.series[key] ?? []).map((p) => p.step), phaseStarts: phaseStarts(first, key) };
  }
  const order: string[] = [];
  const phaseOfSegment = new Map<string, string>();
  const length = new Map<string, number>();
  for (const c of cells) {
    const counts = new Map<string, number>();
    (c.series[key] ?? []).forEach((p, i, all) => {
      const seg = segmentOf(p);
      if (!phaseOfSegment.has(seg)) {
        order.push(seg);
        phaseOfSegment.set(seg, p.phase);
      }
      if (!sameStepAsPrevious(all, i)) counts.set(seg, (counts.get(seg) ?? 0) + 1);
    });
    for (const [seg, n] of counts) length.set(seg, Math.max(n, length.get(seg) ?? 0));
  }
  const offset = new Map<string, number>();
  const starts: PhaseStart[] = [];
  let at = 0;
  order.forEach((seg, i) => {
    offset.set(seg, at);
    const phase = phaseOfSegment.get(seg) as string;
    if (i > 0 && phase !== phaseOfSegment.get(order[i - 1] as string)) starts.push({ x: at - 1, phase });
    at += length.get(seg) ?? 0;
  });
  const of = (r: CellRecord): number[] => {
    const seen = new Map<string, number>();
    const xs: number[] = [];
    (r.series[key] ?? []).forEach((p, i, all) => {
      const seg = segmentOf(p);
      // A measurement right after an intervention shares the x of the one before it, as on the step axis; the
      // first of a new phase or task (after an `at`/`each_task` intervention) sits at the boundary of the phases.
      if (sameStepAsPrevious(all, i)) {
        const newSegment = seg !== segmentOf(all[i - 1] as SeriesPoint);
        xs.push(newSegment ? Math.max(0, (offset.get(seg) ?? 0) - 1) : (xs[i - 1] as number));
        return;
      }
      const k = seen.get(seg) ?? 0;
      seen.set(seg, k + 1);
      xs.push((offset.get(seg) ?? 0) + k);
    });
    return xs;
  };
  return { axis: 'measurement', of, phaseStarts: starts };
}

/** One drawn measurement of one seed: x, its rank among the seed's points at that x, and whether it starts a new stretch. */
interface SeedPoint {
  x: number;
  seq: number;
  brk: boolean;
  phase: string;
  value: number;
}

/** One seed's curve, per layer ('' = the scalar or 'total'), in the order measured. */
type SeedCurve = Map<string, SeedPoint[]>;

function seedCurve(record: CellRecord, key: string, scale: XScale, layered: boolean): SeedCurve {
  const curve: SeedCurve = new Map();
  const points = record.series[key] ?? [];
  const xs = scale.of(record);
  const breaks = breaksOf(record, points, scale.axis !== 'task');
  // A break at a missing value moves to the next value drawn.
  const carry = new Map<string, boolean>();
  let carryAll = false;
  const put = (layer: string, at: Omit<SeedPoint, 'value'>, v: number | null): void => {
    const brk = at.brk || (carry.get(layer) ?? false);
    if (v === null || !Number.isFinite(v)) {
      carry.set(layer, brk);
      return;
    }
    carry.set(layer, false);
    let line = curve.get(layer);
    if (line === undefined) curve.set(layer, (line = []));
    line.push({ ...at, brk, value: v });
  };
  points.forEach((p, i) => {
    const x = xs[i] as number;
    // how many measurements of the same step precede it: 1 for the one right after an intervention
    let seq = 0;
    while (seq < i && points[i - seq - 1]?.step === p.step) seq++;
    const at = { x, seq, brk: (breaks[i] ?? false) || carryAll, phase: p.phase };
    if (p.value === null) {
      carryAll = at.brk;
      return;
    }
    carryAll = false;
    if (layered && typeof p.value === 'object') {
      for (const [layer, v] of Object.entries(p.value)) put(layer, at, v);
    } else put('', at, scalarOf(p.value));
  });
  return curve;
}

/**
 * The interval drawn around a mean: the 95% t-interval from 3 values on; min–max for 2 (a t-interval on one degree
 * of freedom is ±12.7 sd, wider than anything the data shows); none for 1.
 */
export type Band = 't' | 'min-max' | 'none';

/** A curve row with what the charts need to draw it: stretches of line, points at one x, the band's kind. */
export interface CurvePoint extends CurveRow {
  /** Rank among the rows at this x (1 = measured right after an intervention at the same step). */
  seq: number;
  /** Rows of one stretch of line share it; a new stretch begins at a phase, a task or an intervention. */
  segment: number;
  phase: string;
  band: Band;
}

export function bandOf(values: readonly number[]): { low: number | null; high: number | null; band: Band } {
  if (values.length >= 3) {
    const t = tInterval(values);
    return { low: t?.low ?? null, high: t?.high ?? null, band: 't' };
  }
  if (values.length === 2) return { low: Math.min(...values), high: Math.max(...values), band: 'min-max' };
  return { low: null, high: null, band: 'none' };
}

interface Slot {
  x: number;
  seq: number;
  brk: boolean;
  phase: string;
  values: number[];
}

const slotKey = (p: { x: number; seq: number }): string => `${p.x}|${p.seq}`;
const bySlot = (a: { x: number; seq: number }, b: { x: number; seq: number }): number => a.x - b.x || a.seq - b.seq;

/** Slots in x order with their stretch numbers: a new stretch where any seed breaks or the phase changes. */
function rowsOfSlots(slots: Iterable<Slot>, point: string, arm: string, layer: string, breakOnPhase: boolean): CurvePoint[] {
  const sorted = [...slots].sort(bySlot);
  let segment = 0;
  return sorted.map((s, i) => {
    const prev = sorted[i - 1];
    if (prev !== undefined && (s.brk || (breakOnPhase && s.phase !== prev.phase))) segment++;
    const b = bandOf(s.values);
    return { point, arm, layer: layer === '' ? null : layer, x: s.x, n: s.values.length, mean: mean(s.values), ...b, seq: s.seq, segment, phase: s.phase };
  });
}

function addTo(slots: Map<string, Slot>, p: SeedPoint, value: number): void {
  const k = slotKey(p);
  const slot = slots.get(k);
  if (slot === undefined) slots.set(k, { x: p.x, seq: p.seq, brk: p.brk, phase: p.phase, values: [value] });
  else {
    slot.brk ||= p.brk;
    slot.values.push(value);
  }
}

/** Mean and band over the cells (one per seed) of one arm at one point. */
export function curveRows(cells: readonly CellRecord[], key: string, scale: XScale, layered: boolean, arm: string, point: string): CurvePoint[] {
  const curves = cells.map((c) => seedCurve(c, key, scale, layered));
  const layers = orderedKeys(curves);
  const rows: CurvePoint[] = [];
  for (const layer of layers) {
    const slots = new Map<string, Slot>();
    for (const c of curves) for (const p of c.get(layer) ?? []) addTo(slots, p, p.value);
    rows.push(...rowsOfSlots(slots.values(), point, arm, layer, scale.axis !== 'task'));
  }
  return rows;
}

function orderedKeys<T>(maps: Iterable<Map<T, unknown>>): T[] {
  const seen = new Set<T>();
  for (const m of maps) for (const k of m.keys()) seen.add(k);
  return [...seen];
}

/**
 * Paired difference arm - baseline at each x, over the seeds present in both. Scalar (or 'total') values only. A
 * break in either curve (also at a point only one of them has, such as the arm's post-intervention point) breaks
 * the difference.
 */
export function differenceRows(
  armCells: readonly CellRecord[],
  baseCells: readonly CellRecord[],
  key: string,
  scale: XScale,
  arm: string,
  point: string,
): CurvePoint[] {
  const baseBySeed = new Map(baseCells.map((c) => [c.cell.seed, seedCurve(c, key, scale, false).get('') ?? []]));
  const slots = new Map<string, Slot>();
  for (const c of [...armCells].sort((a, b) => a.cell.seed - b.cell.seed)) {
    const base = baseBySeed.get(c.cell.seed);
    if (base === undefined) continue;
    const armLine = seedCurve(c, key, scale, false).get('') ?? [];
    const baseAt = new Map(base.map((p) => [slotKey(p), p]));
    const armAt = new Map(armLine.map((p) => [slotKey(p), p]));
    const all = [...new Map([...armLine, ...base].map((p) => [slotKey(p), p])).values()].sort(bySlot);
    let carry = false;
    for (const s of all) {
      const a = armAt.get(slotKey(s));
      const b = baseAt.get(slotKey(s));
      carry ||= (a?.brk ?? false) || (b?.brk ?? false);
      if (a === undefined || b === undefined) continue;
      addTo(slots, { ...a, brk: carry }, a.value - b.value);
      carry = false;
    }
  }
  return rowsOfSlots(slots.values(), point, arm, '', scale.axis !== 'task');
}

/** Phase boundaries along the step axis, from one cell's series: the last step of each phase followed by another. */
export function phaseStarts(record: CellRecord | undefined, key: string): PhaseStart[] {
  const points = record?.series[key] ?? [];
  const starts: PhaseStart[] = [];
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1] as SeriesPoint;
    const cur = points[i] as SeriesPoint;
    if (cur.phase !== prev.phase) starts.push({ x: prev.step, phase: cur.phase });
  }
  return starts;
}
