/**
 * The vega-lite spec of the sensitivity chart (analysis/sensitivity.ts): per arm, its mean at each swept value (a
 * filled point) with its interval (a bar), joined by a thin line; the baseline as a band (its interval, grey) with
 * its mean as a black dashed line. One panel per combination of the other grid axes. The gap chart uses the same
 * spec without a baseline and with a rule at 0 (`zero`), which its y axis then always includes.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SensitivityScale } from '../analysis/sensitivity.ts';
import { BASELINE_COLOR, CONFIG, HEIGHT, WIDTH, armColor, type Row } from './chart.ts';

export interface SensitivitySpecOptions {
  title: string;
  subtitle: string;
  rows: Row[];
  arms: readonly string[];
  baseline: string | null;
  xTitle: string;
  yTitle: string;
  scale: SensitivityScale;
  /** x labels in sweep order (the categories of an ordinal axis). */
  values: readonly string[];
  /** Panel names in sweep order, and what they are (null: one plot). */
  panels: readonly string[];
  panelTitle: string | null;
  /** Draw a rule at y = 0 and keep 0 on the y axis (charts of differences). */
  zero?: boolean;
}

const PANEL_WIDTH = 300;
const PANEL_COLUMNS = 3;

export function sensitivitySpec(o: SensitivitySpecOptions): TopLevelSpec {
  const numeric = o.scale !== 'ordinal';
  const ticks = numeric ? [...new Set(o.rows.map((r) => r['x']).filter((x): x is number => typeof x === 'number'))].sort((a, b) => a - b) : [];
  const x = numeric
    ? { field: 'x', type: 'quantitative' as const, title: o.xTitle, scale: { type: o.scale, zero: false, nice: false, padding: 12 }, axis: { values: ticks } }
    : { field: 'xLabel', type: 'ordinal' as const, title: o.xTitle, sort: [...o.values], axis: { labelAngle: 0 } };
  const y = { field: 'mean', type: 'quantitative' as const, title: o.yTitle, scale: { zero: o.zero === true } };
  const present = o.arms.filter((a) => o.rows.some((r) => r['arm'] === a));
  const color = armColor(o.arms, present, o.baseline);
  const isBase = "datum.role === 'baseline'";
  const isArm = "datum.role !== 'baseline'";
  // One rule per plot: the aggregate leaves one row per panel (a datum encoding alone draws one per data row).
  const zeroRule = {
    name: 'zero_rule',
    transform: [{ aggregate: [{ op: 'count' as const, as: 'rows' }] }],
    mark: { type: 'rule' as const, color: BASELINE_COLOR, strokeDash: [2, 3], strokeWidth: 1 },
    encoding: { y: { datum: 0 } },
  };
  const layer = [
    ...(o.zero === true ? [zeroRule] : []),
    {
      name: 'baseline_band',
      transform: [{ filter: `${isBase} && datum.low !== null` }],
      mark: { type: 'area' as const, color: BASELINE_COLOR, opacity: 0.12 },
      encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } },
    },
    {
      name: 'baseline_mean',
      transform: [{ filter: isBase }],
      mark: { type: 'line' as const, strokeDash: [6, 3], strokeWidth: 2 },
      encoding: { x, y, color },
    },
    {
      transform: [{ filter: isArm }],
      mark: { type: 'line' as const, strokeWidth: 1.2, opacity: 0.6 },
      encoding: { x, y, color },
    },
    {
      name: 'arm_intervals',
      transform: [{ filter: `${isArm} && datum.low !== null` }],
      mark: { type: 'rule' as const, strokeWidth: 2 },
      encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color },
    },
    {
      name: 'arm_means',
      transform: [{ filter: isArm }],
      mark: { type: 'point' as const, filled: true, size: 70, opacity: 1 },
      encoding: { x, y, color, tooltip: [{ field: 'arm' }, { field: 'point' }, { field: 'n' }, { field: 'mean' }, { field: 'low' }, { field: 'high' }] },
    },
  ];
  const base = { title: { text: o.title, subtitle: o.subtitle }, config: CONFIG, data: { values: o.rows } };
  if (o.panelTitle === null) return { ...base, width: WIDTH, height: HEIGHT, layer } as TopLevelSpec;
  return {
    ...base,
    facet: { field: 'panel', type: 'nominal', title: o.panelTitle, sort: [...o.panels] },
    columns: Math.min(PANEL_COLUMNS, o.panels.length),
    spec: { width: PANEL_WIDTH, height: HEIGHT, layer },
  } as TopLevelSpec;
}
