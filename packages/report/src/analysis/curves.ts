/**
 * Learning curves over seeds: at every x, the mean and 95% t-interval (t-interval.ts) of the seeds that have a
 * finite value there; and the paired difference to the baseline over time (arm - baseline per seed at the same x).
 *
 * x is the task index when the series is one repeat measured once per task (e.g. `measure every task` over
 * `repeat 100 tasks`); else the training step (SeriesPoint.step, counted over the whole stream) when every seed of
 * an arm was measured at the same steps. Otherwise (e.g. an `until` phase stops seeds at different steps) x is the measurement index
 * aligned at phase starts: the series is cut into segments (phase, task), each segment gets the length of its
 * longest seed, and a point's x is its segment's offset plus its index within the segment; so the k-th
 * measurement of a phase is averaged with the k-th of every other seed. Only complete cells contribute: diverged
 * and failed cells are flagged in the report instead of bending the mean.
 */
import type { CellRecord, SeriesPoint } from '@plas/engine';
import { mean } from '../stats/descriptive.ts';
import { tInterval } from '../stats/t-interval.ts';
import { scalarOf } from '../stats/window.ts';
import type { CurveRow, PhaseStart, XAxis } from './types.ts';

/** One seed's curve: x → value, per layer ('' = the scalar or 'total'). */
type SeedCurve = Map<string, Map<number, number>>;

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
    for (const p of c.series[key] ?? []) {
      const seg = segmentOf(p);
      if (!phaseOfSegment.has(seg)) {
        order.push(seg);
        phaseOfSegment.set(seg, p.phase);
      }
      counts.set(seg, (counts.get(seg) ?? 0) + 1);
    }
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
    return (r.series[key] ?? []).map((p) => {
      const seg = segmentOf(p);
      const k = seen.get(seg) ?? 0;
      seen.set(seg, k + 1);
      return (offset.get(seg) ?? 0) + k;
    });
  };
  return { axis: 'measurement', of, phaseStarts: starts };
}

function seedCurve(record: CellRecord, key: string, scale: XScale, layered: boolean): SeedCurve {
  const curve: SeedCurve = new Map();
  const put = (layer: string, x: number, v: number | null): void => {
    if (v === null || !Number.isFinite(v)) return;
    let line = curve.get(layer);
    if (line === undefined) curve.set(layer, (line = new Map()));
    line.set(x, v);
  };
  const xs = scale.of(record);
  (record.series[key] ?? []).forEach((p, i) => {
    const x = xs[i] as number;
    if (layered && p.value !== null && typeof p.value === 'object') {
      for (const [layer, v] of Object.entries(p.value)) put(layer, x, v);
    } else put('', x, scalarOf(p.value));
  });
  return curve;
}

function row(point: string, arm: string, layer: string, x: number, values: number[]): CurveRow {
  const t = tInterval(values);
  return { point, arm, layer: layer === '' ? null : layer, x, n: values.length, mean: mean(values), low: t?.low ?? null, high: t?.high ?? null };
}

function orderedKeys<T>(maps: Iterable<Map<T, unknown>>): T[] {
  const seen = new Set<T>();
  for (const m of maps) for (const k of m.keys()) seen.add(k);
  return [...seen];
}

/** Mean and band over the cells (one per seed) of one arm at one point. */
export function curveRows(cells: readonly CellRecord[], key: string, scale: XScale, layered: boolean, arm: string, point: string): CurveRow[] {
  const curves = cells.map((c) => seedCurve(c, key, scale, layered));
  const layers = orderedKeys(curves);
  const rows: CurveRow[] = [];
  for (const layer of layers) {
    const lines = curves.map((c) => c.get(layer) ?? new Map<number, number>());
    const xs = orderedKeys(lines).sort((a, b) => a - b);
    for (const x of xs) {
      const values = lines.map((l) => l.get(x)).filter((v): v is number => v !== undefined);
      rows.push(row(point, arm, layer, x, values));
    }
  }
  return rows;
}

/** Paired difference arm - baseline at each x, over the seeds present in both. Scalar (or 'total') values only. */
export function differenceRows(
  armCells: readonly CellRecord[],
  baseCells: readonly CellRecord[],
  key: string,
  scale: XScale,
  arm: string,
  point: string,
): CurveRow[] {
  const baseBySeed = new Map(baseCells.map((c) => [c.cell.seed, seedCurve(c, key, scale, false).get('') ?? new Map<number, number>()]));
  const pairs: [Map<number, number>, Map<number, number>][] = [];
  for (const c of [...armCells].sort((a, b) => a.cell.seed - b.cell.seed)) {
    const base = baseBySeed.get(c.cell.seed);
    if (base !== undefined) pairs.push([seedCurve(c, key, scale, false).get('') ?? new Map<number, number>(), base]);
  }
  const xs = orderedKeys(pairs.map(([a]) => a)).sort((a, b) => a - b);
  const rows: CurveRow[] = [];
  for (const x of xs) {
    const diffs: number[] = [];
    for (const [a, b] of pairs) {
      const va = a.get(x);
      const vb = b.get(x);
      if (va !== undefined && vb !== undefined) diffs.push(va - vb);
    }
    if (diffs.length > 0) rows.push(row(point, arm, '', x, diffs));
  }
  return rows;
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
