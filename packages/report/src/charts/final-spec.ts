/** The vega-lite spec of the final comparison: per arm the mean (point) with its interval (error bar) and
 * every seed's value (hollow circles); one column per sweep point. The interval is the t-interval from 3 seeds,
 * min–max below (the rows say which); the baseline is black. */
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, HEIGHT, armColor, type Row } from './chart.ts';

export function finalSpec(o: { title: string; subtitle: string; rows: Row[]; arms: readonly string[]; baseline: string | null; yTitle: string; points: readonly string[]; swept: boolean }): TopLevelSpec {
  const x = { field: 'arm', type: 'nominal' as const, title: 'arm', sort: [...o.arms], axis: { labelAngle: 0 } };
  const y = { type: 'quantitative' as const, title: o.yTitle, scale: { zero: false } };
  const color = armColor(o.arms, o.arms, o.baseline);
  const layer = [
    {
      transform: [{ filter: "datum.kind === 'seed'" }],
      mark: { type: 'point', filled: false, size: 40, opacity: 0.7 },
      encoding: { x, y: { ...y, field: 'value' }, color },
    },
    {
      transform: [{ filter: "datum.kind === 'mean' && datum.low !== null" }],
      mark: { type: 'rule', strokeWidth: 2 },
      encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color },
    },
    {
      transform: [{ filter: "datum.kind === 'mean'" }],
      mark: { type: 'point', filled: true, size: 110, shape: 'diamond' },
      encoding: { x, y: { ...y, field: 'value' }, color },
    },
  ];
  const width = Math.max(160, 90 * o.arms.length);
  const base = { title: { text: o.title, subtitle: o.subtitle }, config: CONFIG, data: { values: o.rows } };
  if (o.swept) {
    return { ...base, facet: { column: { field: 'point', type: 'nominal', title: 'sweep point', sort: [...o.points] } }, spec: { width, height: HEIGHT, layer } } as TopLevelSpec;
  }
  return { ...base, width, height: HEIGHT, layer } as TopLevelSpec;
}
