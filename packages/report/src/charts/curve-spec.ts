/** The vega-lite spec of a curve chart: a mean line per arm (per layer) with its 95% band, optional zero rule. */
import type { TopLevelSpec } from 'vega-lite';
import type { PhaseStart } from '../analysis/types.ts';
import { CONFIG, HEIGHT, WIDTH, armColor, type Row } from './chart.ts';

export interface CurveSpecOptions {
  title: string;
  subtitle: string;
  rows: Row[];
  arms: readonly string[];
  /** The arms drawn (all by default; the difference chart leaves out the baseline). */
  shown?: readonly string[];
  xTitle: string;
  yTitle: string;
  /** One line per layer (strokeDash) for per-layer metrics without a total. */
  layered: boolean;
  zeroRule: boolean;
  /** Dotted vertical rules labelled with the phase that begins there. */
  phaseStarts: PhaseStart[];
}

export function curveSpec(o: CurveSpecOptions): TopLevelSpec {
  const x = { field: 'x', type: 'quantitative' as const, title: o.xTitle };
  const color = { ...armColor(o.arms, o.shown ?? o.arms), legend: { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } };
  const detail = o.layered ? { strokeDash: { field: 'layer', type: 'nominal' as const, title: 'layer' } } : {};
  const layers = [
    {
      mark: { type: 'area' as const, opacity: 0.18 },
      encoding: {
        x,
        y: { field: 'low', type: 'quantitative' as const, title: o.yTitle },
        y2: { field: 'high' },
        color,
        ...(o.layered ? { detail: { field: 'layer', type: 'nominal' as const } } : {}),
      },
    },
    {
      mark: { type: 'line' as const, strokeWidth: 2, point: false },
      encoding: { x, y: { field: 'mean', type: 'quantitative' as const, title: o.yTitle, scale: { zero: false } }, color, ...detail },
    },
  ];
  const zero = { mark: { type: 'rule' as const, color: '#333', strokeDash: [4, 3] }, encoding: { y: { datum: 0 } } };
  const phases = [
    {
      data: { values: o.phaseStarts.map((p) => ({ ...p })) },
      mark: { type: 'rule' as const, color: '#888', strokeDash: [2, 3] },
      encoding: { x: { field: 'x', type: 'quantitative' as const } },
    },
    {
      data: { values: o.phaseStarts.map((p) => ({ ...p, label: `${p.phase} →` })) },
      mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 3, dy: 3, y: 0, color: '#555', fontSize: 10 },
      encoding: { x: { field: 'x', type: 'quantitative' as const }, text: { field: 'label', type: 'nominal' as const } },
    },
  ];
  const extras = [...(o.zeroRule ? [zero] : []), ...(o.phaseStarts.length > 0 ? phases : [])];
  const spec: TopLevelSpec = {
    width: WIDTH,
    height: HEIGHT,
    title: { text: o.title, subtitle: o.subtitle },
    config: CONFIG,
    data: { values: o.rows },
    layer: [...layers, ...extras],
  };
  return spec;
}
