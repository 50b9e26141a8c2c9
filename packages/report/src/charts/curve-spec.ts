/** The vega-lite spec of a curve chart: a mean line per arm (per layer) with its 95% band, optional zero rule. */
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, HEIGHT, WIDTH, armColor, type Row } from './chart.ts';

export interface CurveSpecOptions {
  title: string;
  subtitle: string;
  rows: Row[];
  arms: readonly string[];
  xTitle: string;
  yTitle: string;
  /** One line per layer (strokeDash) for per-layer metrics without a total. */
  layered: boolean;
  zeroRule: boolean;
}

export function curveSpec(o: CurveSpecOptions): TopLevelSpec {
  const x = { field: 'x', type: 'quantitative' as const, title: o.xTitle };
  const color = armColor(o.arms);
  const detail = o.layered ? { strokeDash: { field: 'layer', type: 'nominal' as const, title: 'layer' } } : {};
  const layers = [
    {
      mark: { type: 'area' as const, opacity: 0.18 },
      encoding: {
        x,
        y: { field: 'low', type: 'quantitative' as const, title: o.yTitle },
        y2: { field: 'high' },
        color: { ...color, legend: null },
        ...(o.layered ? { detail: { field: 'layer', type: 'nominal' as const } } : {}),
      },
    },
    {
      mark: { type: 'line' as const, strokeWidth: 2, point: false },
      encoding: { x, y: { field: 'mean', type: 'quantitative' as const, title: o.yTitle, scale: { zero: false } }, color, ...detail },
    },
  ];
  const zero = { mark: { type: 'rule' as const, color: '#333', strokeDash: [4, 3] }, encoding: { y: { datum: 0 } } };
  const spec: TopLevelSpec = {
    width: WIDTH,
    height: HEIGHT,
    title: { text: o.title, subtitle: o.subtitle },
    config: CONFIG,
    data: { values: o.rows },
    layer: o.zeroRule ? [...layers, zero] : layers,
  };
  return spec;
}
