/**
 * How the compared metric depends on the swept values: per sweep point and arm, the mean of the comparison window
 * over seeds with its interval (arm-band.ts: t-interval from 3 seeds, min–max for 2, clipped to the metric's
 * domain), placed at the point's value of one axis, x.
 *
 * x is the axis with the most values (the first such on a tie). In a grid, the other axes' combinations are one
 * panel each (small multiples): every arm keeps its colour, as in every other chart, and the baseline its black
 * dashes, where a line per value of the other axis would need a second colour or dash code. In a zip the other
 * axes move with x and are named in the axis title. Numeric values are drawn on a linear axis, or a log axis when
 * all are positive and span at least 2 decades; other values (`hidden: [[5], [10]]`) are ordinal categories in the
 * sweep's order, named by their label.
 *
 * Beside the arms' own values, the gap to the baseline at each swept value: the mean over seeds of the paired
 * difference arm − baseline (the report's comparisons, seed by seed at the same point) with its 95% t-interval from
 * 3 seeds, min–max of the differences for 2. This is the question a sweep over capacity or strength usually asks
 * (where does the warm-start gap appear?), and the paired interval is narrower than the two arms' own intervals.
 */
import { canonicalJson, sweepPoints, type ExperimentIR, type JsonValue } from '@plas/dsl';
import { armBand } from './arm-band.ts';
import { bandOf, type Band } from './curves.ts';
import { metricDomain } from './metric-domain.ts';
import type { ArmStats, Comparison, ResolvedCompare } from './types.ts';

export type SensitivityScale = 'linear' | 'log' | 'ordinal';

export interface SensitivityRow {
  point: string;
  arm: string;
  role: 'baseline' | 'arm';
  /** The point's value of the x axis: a number on a linear or log axis, null on an ordinal one. */
  x: number | null;
  /** That value's label (the category on an ordinal axis). */
  xLabel: string;
  /** The other grid axes' values, e.g. 'sp.perturb=0.1' ('' without other axes). */
  panel: string;
  n: number;
  mean: number;
  low: number | null;
  high: number | null;
  band: Band;
}

export interface Sensitivity {
  metric: string;
  /** The comparison window, e.g. "mean over the last 10 epochs of tune". */
  description: string;
  better: ResolvedCompare['better'];
  /** The swept key on x, and the zip axes that move with it. */
  axis: string;
  zipped: string[];
  /** The grid axes that make the panels, in sweep order. */
  panelAxes: string[];
  scale: SensitivityScale;
  /** x labels in sweep order, and the panels in sweep order. */
  values: string[];
  panels: string[];
  rows: SensitivityRow[];
  /** The baseline the gaps are taken against (null: no baseline, no gaps). */
  baseline: string | null;
  /** Per sweep point and arm, the paired difference arm − baseline (mean, interval) at its swept value. */
  gaps: SensitivityRow[];
}

/** A value's label as in the point label (expand.ts): strings as they are, anything else as canonical JSON. */
export function valueLabel(v: JsonValue): string {
  return typeof v === 'string' ? v : canonicalJson(v);
}

export function xScaleOf(values: readonly JsonValue[]): SensitivityScale {
  if (!values.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) return 'ordinal';
  const min = Math.min(...values);
  return min > 0 && Math.max(...values) / min >= 100 ? 'log' : 'linear';
}

/** The paired interval of a gap: the comparison's t-interval from 3 seeds, min–max of the differences for 2. */
function gapBand(c: Comparison): { low: number | null; high: number | null; band: Band } {
  return c.n >= 3 ? { low: c.tLow, high: c.tHigh, band: 't' } : bandOf(c.pairs.map((p) => p.diff));
}

/** Null without a sweep, without a compared metric, or when x has fewer than 2 values. */
export function sensitivity(
  ir: ExperimentIR,
  compare: ResolvedCompare | null,
  stats: readonly ArmStats[],
  comparisons: readonly Comparison[] = [],
): Sensitivity | null {
  const axes = ir.sweep?.axes ?? [];
  if (compare === null || ir.sweep === null || axes.length === 0) return null;
  const counts = axes.map((a) => new Set(a.values.map(valueLabel)).size);
  const xi = counts.indexOf(Math.max(...counts));
  const xAxis = axes[xi];
  if (xAxis === undefined || (counts[xi] ?? 0) < 2) return null;
  const others = axes.filter((_, i) => i !== xi);
  const zip = ir.sweep.kind === 'zip';
  const panelAxes = zip ? [] : others.map((a) => a.key);
  const scale = xScaleOf(xAxis.values);
  const domain = metricDomain(compare.metric, 'total');
  const points = new Map(sweepPoints(ir.sweep).map((p) => [p.label, p.point]));
  const panelOf = (point: Record<string, JsonValue>): string => panelAxes.map((k) => `${k}=${valueLabel(point[k] ?? null)}`).join(', ');
  /** Where a sweep point's value sits: x, its label and its panel (null for a label the sweep does not have). */
  const place = (label: string): Pick<SensitivityRow, 'point' | 'x' | 'xLabel' | 'panel'> | null => {
    const point = points.get(label);
    if (point === undefined) return null;
    const v = point[xAxis.key] ?? null;
    return { point: label, x: scale === 'ordinal' ? null : (v as number), xLabel: valueLabel(v), panel: panelOf(point) };
  };
  const rows: SensitivityRow[] = [];
  for (const s of stats) {
    const at = place(s.point);
    if (at === null || s.mean === null) continue;
    rows.push({ point: at.point, arm: s.arm, role: s.role, x: at.x, xLabel: at.xLabel, panel: at.panel, n: s.n, mean: s.mean, ...armBand(s, domain) });
  }
  if (rows.length === 0) return null;
  const gaps: SensitivityRow[] = [];
  for (const c of comparisons) {
    const at = place(c.point);
    if (at === null || c.meanDiff === null) continue;
    gaps.push({ point: at.point, arm: c.arm, role: 'arm', x: at.x, xLabel: at.xLabel, panel: at.panel, n: c.n, mean: c.meanDiff, ...gapBand(c) });
  }
  return {
    metric: compare.metric,
    description: compare.description,
    better: compare.better,
    axis: xAxis.key,
    zipped: zip ? others.map((a) => a.key) : [],
    panelAxes,
    scale,
    values: [...new Set(xAxis.values.map(valueLabel))],
    panels: [...new Set([...points.values()].map(panelOf))],
    rows,
    baseline: comparisons[0]?.baseline ?? null,
    gaps,
  };
}
