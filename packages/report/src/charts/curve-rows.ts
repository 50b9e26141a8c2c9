/**
 * From the analysis' curve rows of one chart to the rows it draws: intervals clipped to the metric's domain, the
 * stretch all arms share (bitwise-identical rows from the first measurement on, e.g. a common pretraining) taken
 * out of every arm and drawn once, and the rows alone in their stretch marked so that they are drawn as points.
 */
import { type Band, type CurvePoint } from '../analysis/curves.ts';
import { clip, type Domain } from '../analysis/metric-domain.ts';
import type { CurveRow } from '../analysis/types.ts';
import type { Row } from './chart.ts';

/** The legend entry of the shared stretch. */
export const SHARED = 'all arms (identical)';

/** The analysis hands CurveRow[]; rows made by curves.ts carry the drawing fields, others get neutral ones. */
export function asCurvePoints(rows: readonly CurveRow[]): CurvePoint[] {
  return rows.map((r) => {
    const p = r as Partial<CurvePoint> & CurveRow;
    const band: Band = p.band ?? (r.n >= 3 ? 't' : r.n === 2 ? 'min-max' : 'none');
    return { ...r, seq: p.seq ?? 0, segment: p.segment ?? 0, phase: p.phase ?? '', band };
  });
}

const sameRow = (a: CurvePoint, b: CurvePoint): boolean =>
  a.x === b.x && a.seq === b.seq && a.n === b.n && a.mean === b.mean && a.low === b.low && a.high === b.high && a.phase === b.phase;

/** Rows per arm (in `arms` order, arms without rows left out), per layer, sorted by x. */
function byArmAndLayer(rows: readonly CurvePoint[], arms: readonly string[]): Map<string, CurvePoint[]>[] {
  const out: Map<string, CurvePoint[]>[] = [];
  for (const arm of arms) {
    const mine = rows.filter((r) => r.arm === arm);
    if (mine.length === 0) continue;
    const layers = new Map<string, CurvePoint[]>();
    for (const r of mine) {
      const key = r.layer ?? '';
      const list = layers.get(key) ?? [];
      list.push(r);
      layers.set(key, list);
    }
    for (const list of layers.values()) list.sort((a, b) => a.x - b.x || a.seq - b.seq);
    out.push(layers);
  }
  return out;
}

/** How many leading rows of one layer every arm has alike, stretches included; 0 unless at least 2 rows. */
function sharedLength(lines: readonly CurvePoint[][]): number {
  const first = lines[0];
  if (first === undefined || lines.length < 2) return 0;
  let k = 0;
  for (; k < first.length; k++) {
    const row = first[k] as CurvePoint;
    const ok = lines.every((l) => {
      const r = l[k];
      return r !== undefined && sameRow(r, row) && r.segment - (l[0] as CurvePoint).segment === row.segment - (first[0] as CurvePoint).segment;
    });
    if (!ok) break;
  }
  return k >= 2 ? k : 0;
}

export interface DrawnRows {
  rows: Row[];
  /** True when a shared stretch is drawn once (its rows have arm = SHARED). */
  shared: boolean;
}

/**
 * The rows of one curve chart. `baseline` names the arm drawn black and dashed (role 'baseline'); the shared rows
 * have role 'shared'. Each arm keeps the last shared row so that its line continues from the shared one.
 */
export function drawnRows(source: readonly CurveRow[], arms: readonly string[], baseline: string | null, domain: Domain): DrawnRows {
  const rows = asCurvePoints(source);
  const perArm = byArmAndLayer(rows, arms);
  const layers = [...new Set(rows.map((r) => r.layer ?? ''))];
  const kept: CurvePoint[] = [];
  const shared: CurvePoint[] = [];
  for (const layer of layers) {
    const lines = perArm.map((m) => m.get(layer)).filter((l): l is CurvePoint[] => l !== undefined);
    const k = lines.length === perArm.length ? sharedLength(lines) : 0;
    if (k > 0) shared.push(...(lines[0] as CurvePoint[]).slice(0, k).map((r) => ({ ...r, arm: SHARED })));
    for (const line of lines) {
      const next = line[k];
      const continues = k > 0 && next !== undefined && next.segment === (line[k - 1] as CurvePoint).segment;
      kept.push(...line.slice(k > 0 ? (continues ? k - 1 : k) : 0));
    }
  }
  const all = [...shared, ...kept];
  const stretchSize = new Map<string, number>();
  const stretch = (r: CurvePoint): string => `${r.arm}\u0000${r.layer ?? ''}\u0000${r.segment}`;
  for (const r of all) stretchSize.set(stretch(r), (stretchSize.get(stretch(r)) ?? 0) + 1);
  const drawn: Row[] = all.map((r) => ({
    point: r.point,
    arm: r.arm,
    role: r.arm === SHARED ? 'shared' : r.arm === baseline ? 'baseline' : 'arm',
    layer: r.layer,
    phase: r.phase,
    x: r.x,
    seq: r.seq,
    segment: r.segment,
    n: r.n,
    mean: r.mean,
    low: clip(r.low, domain),
    high: clip(r.high, domain),
    band: r.band,
    alone: stretchSize.get(stretch(r)) === 1 ? 1 : 0,
  }));
  return { rows: drawn, shared: shared.length > 0 };
}

export interface PhaseSpan {
  phase: string;
  start: number;
  end: number;
  /** Every other phase is shaded. */
  shade: number;
}

/** Consecutive runs of one phase along x; each span starts where the previous ended (its last measurement). */
export function phaseSpans(rows: readonly Row[]): PhaseSpan[] {
  const points = rows
    .map((r) => ({ x: r['x'] as number, seq: r['seq'] as number, phase: String(r['phase'] ?? '') }))
    .sort((a, b) => a.x - b.x || a.seq - b.seq);
  const spans: PhaseSpan[] = [];
  for (const p of points) {
    const last = spans[spans.length - 1];
    if (last !== undefined && last.phase === p.phase) last.end = Math.max(last.end, p.x);
    else spans.push({ phase: p.phase, start: last?.end ?? p.x, end: p.x, shade: spans.length % 2 });
  }
  return spans;
}
